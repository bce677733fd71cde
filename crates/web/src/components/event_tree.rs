//! The selected event as a tree. Clicking a value opens a menu that adds
//! it to the pattern as an exact value, a prefix, anything-but, exists or
//! a numeric range ([`evpat_rule::builder`] writes the pattern).

use std::cell::Cell;

use evpat::json::{self, Node, Value};
use evpat_rule::builder::Leaf;
use yew::prelude::*;

use crate::state::Action;

/// How deep the tree is drawn; deeper values are summarized. Drawing
/// recurses, and the WebAssembly stack is small.
const MAX_DEPTH: usize = 32;

/// How many values are drawn, so that a huge event stays responsive.
const MAX_NODES: usize = 2000;

/// Properties of [`EventTree`].
#[derive(Properties, PartialEq)]
pub struct EventTreeProps {
    /// The event's text: the delivered event, for a PutEvents entry.
    pub text: AttrValue,
    /// Where the value whose menu is open starts.
    pub picked: Option<usize>,
    /// Sends actions.
    pub dispatch: Callback<Action>,
}

/// The "Build a pattern" tree.
#[component]
pub fn EventTree(props: &EventTreeProps) -> Html {
    // Read once per text: the tree draws again whenever the page does.
    let root = use_memo(props.text.clone(), |text| json::read(text, 1000).ok());
    let Some(root) = root.as_ref() else {
        return html! { <p class="muted">{ "Fix the event to build a pattern from it." }</p> };
    };
    let budget = Cell::new(MAX_NODES);
    html! {
        <ul class="tree" aria-label="Event values">
            { draw(props, root, &mut Vec::new(), None, &budget) }
        </ul>
    }
}

fn draw(
    props: &EventTreeProps,
    node: &Node,
    keys: &mut Vec<String>,
    label: Option<String>,
    budget: &Cell<usize>,
) -> Html {
    if budget.get() == 0 {
        return html! {};
    }
    budget.set(budget.get() - 1);
    let name = label.clone().unwrap_or_else(|| "event".to_owned());
    let children = |items: Vec<(Option<String>, &Node, Option<&str>)>, keys: &mut Vec<String>| {
        if keys.len() >= MAX_DEPTH {
            return html! { <li class="muted">{ "… (nested too deep to show)" }</li> };
        }
        html! {
            { for items.into_iter().map(|(label, child, key)| {
                if let Some(key) = key { keys.push(key.to_owned()); }
                let html = draw(props, child, keys, label, budget);
                if key.is_some() { keys.pop(); }
                html
            }) }
        }
    };
    let items = match &node.value {
        Value::Object(members) => Some(
            members.iter().map(|m| (Some(m.key.clone()), &m.value, Some(m.key.as_str()))).collect(),
        ),
        // Patterns see through arrays: an item's path is its array's.
        Value::Array(items) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    (Some(format!("{}[{i}]", label.as_deref().unwrap_or(""))), item, None)
                })
                .collect(),
        ),
        _ => None,
    };
    if let Some(items) = items {
        return html! {
            <li>
                <span class="tree-key">{ name }</span>
                <ul>{ children(items, keys) }</ul>
            </li>
        };
    }
    let Some(leaf) = Leaf::of(&node.value) else { return html! {} };
    let at = node.span.start;
    let path = keys.join(".");
    let open = props.picked == Some(at);
    let onclick = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::Pick(if open { None } else { Some(at) })))
    };
    let shown = leaf.to_json();
    html! {
        <li>
            <span class="tree-key">{ format!("{name}: ") }</span>
            <button type="button" class="tree-value" aria-expanded={open.to_string()}
                aria-label={format!("{path} = {shown}")} {onclick}>
                { shown.clone() }
            </button>
            if open {
                <span class="tree-menu" role="group" aria-label={format!("Add {path} to the pattern")}>
                    { for leaf.conditions().iter().map(|&condition| {
                        let dispatch = props.dispatch.clone();
                        let (keys, leaf) = (keys.clone(), leaf.clone());
                        let onclick = Callback::from(move |_| {
                            dispatch.emit(Action::AddCondition(keys.clone(), leaf.clone(), condition))
                        });
                        html! { <button type="button" {onclick}>{ condition.title() }</button> }
                    }) }
                </span>
            }
        </li>
    }
}
