//! Printing an [`ast`](crate::ast) back to compact JSON. Parsing the
//! printed text gives the same AST again (a property test holds this).

use crate::ast::{
    AnythingBut, Case, Field, FieldValue, Literal, Matcher, MatcherKind, NumericTokenValue, Object,
    Operand,
};

pub(crate) fn print(object: &Object) -> String {
    let mut out = String::new();
    print_object(object, &mut out);
    out
}

fn print_object(object: &Object, out: &mut String) {
    out.push('{');
    for (i, Field { key, value, .. }) in object.fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(key, out);
        out.push(':');
        match value {
            FieldValue::Nested(object) => print_object(object, out),
            FieldValue::Leaf(matchers) => list(matchers, out, print_matcher),
            FieldValue::Or(branches) => list(branches, out, print_object),
        }
    }
    out.push('}');
}

fn list<T>(items: &[T], out: &mut String, each: impl Fn(&T, &mut String)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(item, out);
    }
    out.push(']');
}

fn print_matcher(matcher: &Matcher, out: &mut String) {
    let filter = |name: &str, out: &mut String, body: &dyn Fn(&mut String)| {
        out.push('{');
        string(name, out);
        out.push(':');
        body(out);
        out.push('}');
    };
    match &matcher.kind {
        MatcherKind::Exact(value) => literal(value, out),
        MatcherKind::Prefix(text, case) => filter("prefix", out, &|out| cased(text, *case, out)),
        MatcherKind::Suffix(text, case) => filter("suffix", out, &|out| cased(text, *case, out)),
        MatcherKind::EqualsIgnoreCase(text) => {
            filter("equals-ignore-case", out, &|out| string(&text.value, out))
        }
        MatcherKind::Wildcard(text) => filter("wildcard", out, &|out| string(&text.value, out)),
        MatcherKind::Cidr(text) => filter("cidr", out, &|out| string(&text.value, out)),
        MatcherKind::Exists(exists) => {
            filter("exists", out, &|out| out.push_str(if *exists { "true" } else { "false" }))
        }
        MatcherKind::Numeric(tokens) => filter("numeric", out, &|out| {
            list(tokens, out, |token, out| match &token.value {
                NumericTokenValue::Operator(op) => string(op, out),
                NumericTokenValue::Number(lexeme) | NumericTokenValue::Other(lexeme) => {
                    out.push_str(lexeme)
                }
            })
        }),
        MatcherKind::AnythingBut(excluded) => filter("anything-but", out, &|out| match excluded {
            AnythingBut::Values(values) => list(values, out, literal),
            AnythingBut::Prefix(texts) => filter("prefix", out, &|out| operands(texts, out)),
            AnythingBut::Suffix(texts) => filter("suffix", out, &|out| operands(texts, out)),
            AnythingBut::EqualsIgnoreCase(texts) => {
                filter("equals-ignore-case", out, &|out| operands(texts, out))
            }
            AnythingBut::Wildcard(texts) => filter("wildcard", out, &|out| operands(texts, out)),
        }),
    }
}

fn cased(text: &Operand, case: Case, out: &mut String) {
    match case {
        Case::Sensitive => string(&text.value, out),
        Case::Insensitive => {
            out.push('{');
            string("equals-ignore-case", out);
            out.push(':');
            string(&text.value, out);
            out.push('}');
        }
    }
}

fn operands(texts: &[Operand], out: &mut String) {
    list(texts, out, |text, out| string(&text.value, out));
}

fn literal(value: &Literal, out: &mut String) {
    match value {
        Literal::String(s) => string(s, out),
        Literal::Number(lexeme) => out.push_str(lexeme),
        Literal::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Literal::Null => out.push_str("null"),
    }
}

fn string(s: &str, out: &mut String) {
    out.push_str(&crate::json::quote(s));
}
