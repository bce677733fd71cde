//! `cidr`: IPv4 and IPv6 address blocks, matched against string values.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::ErrorKind;

/// An address block such as `10.0.0.0/24` or `2001:db8::/64`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cidr {
    network: IpAddr,
    bits: u32,
}

/// Why a CIDR operand is not valid: AWS's kind and reason, and whether it
/// is the address (true) or the mask (false) that is wrong.
pub(crate) type CidrError = (ErrorKind, String, CidrPart);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CidrPart {
    Whole,
    Address,
    Mask,
}

impl Cidr {
    /// Parses a block, with event-ruler's checks in its order: one `/`,
    /// an integer mask, a standard address, a mask shorter than the
    /// address (an exact address is matched as a plain string instead).
    pub fn parse(text: &str) -> Result<Cidr, CidrError> {
        let Some((address, mask)) = text.split_once('/').filter(|(_, mask)| !mask.contains('/'))
        else {
            return Err((
                ErrorKind::CidrMalformed,
                "Malformed CIDR, one '/' required".into(),
                CidrPart::Whole,
            ));
        };
        let malformed_mask = || {
            (
                ErrorKind::CidrMalformed,
                "Malformed CIDR, mask bits must be an integer".to_owned(),
                CidrPart::Mask,
            )
        };
        if mask.is_empty() || !mask.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed_mask());
        }
        let bits: u32 = mask.parse().map_err(|_| malformed_mask())?;
        let network: IpAddr = address.parse().map_err(|_| {
            // event-ruler tells an address shaped like IPv4 but out of range
            // from one that is not an address at all.
            let parts: Vec<&str> = address.split('.').collect();
            let ipv4_shaped = parts.len() == 4
                && parts
                    .iter()
                    .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
            let what = if ipv4_shaped { "Invalid" } else { "Nonstandard" };
            (ErrorKind::CidrAddress, format!("{what} IP address: {address}"), CidrPart::Address)
        })?;
        let (limit, family) = if network.is_ipv4() { (32, "IPv4") } else { (128, "IPv6") };
        if bits >= limit {
            return Err((
                ErrorKind::CidrMask,
                format!("{family} mask bits must be < {limit}"),
                CidrPart::Mask,
            ));
        }
        Ok(Cidr { network, bits })
    }

    /// Whether `value` is an address inside the block. Anything that is not
    /// an address of the same family never is.
    pub fn contains(&self, value: &str) -> bool {
        match (self.network, value.parse::<IpAddr>()) {
            (IpAddr::V4(net), Ok(IpAddr::V4(ip))) => same_prefix(v4(net), v4(ip), self.bits, 32),
            (IpAddr::V6(net), Ok(IpAddr::V6(ip))) => same_prefix(v6(net), v6(ip), self.bits, 128),
            _ => false,
        }
    }
}

fn v4(ip: Ipv4Addr) -> u128 {
    u128::from(u32::from(ip))
}

fn v6(ip: Ipv6Addr) -> u128 {
    u128::from(ip)
}

fn same_prefix(a: u128, b: u128, bits: u32, width: u32) -> bool {
    let shift = width - bits;
    // `bits` < `width`, so the shift is in range.
    (a >> shift) == (b >> shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> String {
        Cidr::parse(text).unwrap_err().1
    }

    #[test]
    fn ipv4_blocks() {
        let block = Cidr::parse("10.0.0.0/24").unwrap();
        assert!(block.contains("10.0.0.0") && block.contains("10.0.0.255"));
        assert!(!block.contains("10.0.1.0") && !block.contains("10.0.0") && !block.contains("::1"));
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains("203.0.113.9"));
        assert!(Cidr::parse("10.1.2.3/8").unwrap().contains("10.200.0.1"));
    }

    #[test]
    fn ipv6_blocks() {
        let block = Cidr::parse("2001:db8:1234:1a00::/64").unwrap();
        assert!(
            block.contains("2001:db8:1234:1a00::1") && block.contains("2001:0db8:1234:1a00:ffff::")
        );
        assert!(!block.contains("2001:db8:1234:1a01::") && !block.contains("10.0.0.1"));
    }

    #[test]
    fn aws_reasons() {
        assert_eq!(reason("bad-filter"), "Malformed CIDR, one '/' required");
        assert_eq!(reason("1.2.3.4/8/8"), "Malformed CIDR, one '/' required");
        assert_eq!(reason("bad-/64filter"), "Malformed CIDR, mask bits must be an integer");
        assert_eq!(reason("10.0.0.0/"), "Malformed CIDR, mask bits must be an integer");
        assert_eq!(reason("xx.11.xx/8"), "Nonstandard IP address: xx.11.xx");
        assert_eq!(
            reason("xxxx:db8:1234:1a00::/64"),
            "Nonstandard IP address: xxxx:db8:1234:1a00::"
        );
        assert_eq!(reason("300.1.1.1/8"), "Invalid IP address: 300.1.1.1");
        assert_eq!(reason("10.1.0/16"), "Nonstandard IP address: 10.1.0");
        assert_eq!(reason("10.0.0.1/32"), "IPv4 mask bits must be < 32");
        assert_eq!(reason("::1/128"), "IPv6 mask bits must be < 128");
    }
}
