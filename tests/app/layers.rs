//! The layers point one way. Read from the source itself: which of the crate's top modules
//! each file uses (`crate::x`), then no circle among them, and no HTTP (actix) below `web/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top module a file belongs to (`web` for `src/web/clients/edit.rs`); None for the
/// crate root and the binary, which only declare and dispatch.
fn top_module(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_owned();
    let name = first.trim_end_matches(".rs").to_owned();
    (!["lib", "main", "build"].contains(&name.as_str())).then_some(name)
}

/// The crate's top modules a text refers to: `crate::x::…` and `use crate::{x::…, y}`.
fn referenced(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Split the group's top level on commas; each item starts with a module.
            let mut depth = 0;
            let mut item_start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        item_start = false;
                        out.insert(ident(&group[j..]));
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty() && m != "self");
    out
}

/// Module → the other top modules it uses, over every file of the crate.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let Some(from) = top_module(&file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let uses = g.entry(from.clone()).or_default();
        for to in referenced(&text) {
            if to != from {
                uses.insert(to);
            }
        }
    }
    g
}

/// A circle through the graph, if there is one, as the modules along it.
fn find_circle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in g.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|n| visit(n, g, &mut Vec::new(), &mut done))
}

/// A file's module path (`web::clients::edit`; `web` for `src/web/mod.rs`).
fn module_of(file: &Path) -> String {
    let rel = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_str().unwrap().to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// Every path a text names from the crate root, groups expanded:
/// `crate::web::{context::PageContext, reply::{page, see_other}}` gives
/// `web::context::PageContext`, `web::reply::page` and `web::reply::see_other`.
fn crate_paths(text: &str, module: &str) -> Vec<String> {
    fn expand(prefix: &str, rest: &str, out: &mut Vec<String>) {
        // rest starts right after `prefix::`
        let mut path = String::new();
        for (i, c) in rest.char_indices() {
            if c.is_alphanumeric() || c == '_' || c == ':' {
                path.push(c);
            } else if c == '{' {
                // Split the group at its top-level commas and expand each item.
                let group = &rest[i + 1..];
                let (mut depth, mut start) = (0, 0);
                for (j, g) in group.char_indices() {
                    match g {
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            let item = group[start..j].trim();
                            if !item.is_empty() {
                                expand(&format!("{prefix}{path}"), item, out);
                            }
                            break;
                        }
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            let item = group[start..j].trim();
                            if !item.is_empty() {
                                expand(&format!("{prefix}{path}"), item, out);
                            }
                            start = j + 1;
                        }
                        _ => {}
                    }
                }
                return;
            } else {
                break;
            }
        }
        out.push(format!("{prefix}{path}").trim_end_matches(':').to_owned());
    }
    // Unit tests (at the end of a file) use `super::*`: only the code before them counts.
    let text = text.split("#[cfg(test)]").next().unwrap_or(text);
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    let mut out = Vec::new();
    for (marker, prefix) in [
        ("crate::", String::new()),
        ("super::", format!("{parent}::")),
    ] {
        for (i, _) in text.match_indices(marker) {
            // `crate::` inside `$crate::` or a longer word is not a path of ours.
            let before = text[..i].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let prefix = prefix.trim_start_matches("::");
            expand(prefix, &text[i + marker.len()..], &mut out);
        }
    }
    out
}

/// File module → the other file modules it uses (a path resolves to the longest module
/// it starts with).
fn file_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = module_of(file);
        if ["lib", "main", "build"].contains(&from.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let uses = g.entry(from.clone()).or_default();
        for path in crate_paths(&text, &from) {
            let segments: Vec<&str> = path.split("::").collect();
            let target = (1..=segments.len())
                .rev()
                .map(|n| segments[..n].join("::"))
                .find(|m| modules.contains(m));
            if let Some(to) = target
                && to != from
            {
                uses.insert(to);
            }
        }
    }
    g
}

#[test]
fn the_reader_finds_grouped_and_plain_paths() {
    let text = "use crate::web::{context::PageContext, reply::{page, see_other}};\n\
                use super::FormPage; let x = $crate::db::DbConn::Pg;";
    assert_eq!(
        crate_paths(text, "web::clients::edit"),
        [
            "web::context::PageContext",
            "web::reply::page",
            "web::reply::see_other",
            "web::clients::FormPage"
        ]
    );
    let found = referenced(
        "use crate::{db::{self, DbConn}, error::AppError};\nlet x = crate::web::page(); use crate::input;",
    );
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["db", "error", "input", "web"]
    );
    let mut g = BTreeMap::new();
    g.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    g.insert("b".to_owned(), BTreeSet::from(["c".to_owned()]));
    g.insert("c".to_owned(), BTreeSet::from(["a".to_owned()]));
    assert_eq!(find_circle(&g).unwrap(), ["a", "b", "c", "a"]);
}

#[test]
fn no_two_modules_use_each_other_directly_or_around_a_circle() {
    let g = graph();
    assert!(g.contains_key("web") && g.contains_key("services"), "{g:?}");
    if let Some(circle) = find_circle(&g) {
        panic!(
            "modules in a circle: {}\nall uses: {g:#?}",
            circle.join(" → ")
        );
    }
}

#[test]
fn no_two_files_use_each_other_directly_or_around_a_circle() {
    let g = file_graph();
    assert!(
        g.get("web::clients::edit")
            .is_some_and(|u| u.contains("views::clients") && u.contains("web::reply")),
        "{g:?}"
    );
    if let Some(circle) = find_circle(&g) {
        panic!("modules in a circle: {}", circle.join(" → "));
    }
}

#[test]
fn the_lower_layers_know_nothing_of_http_or_the_server() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for file in files {
        let module = top_module(&file).unwrap_or_default();
        let text = std::fs::read_to_string(&file).unwrap();
        let below_web = [
            "auth", "db", "error", "input", "mail", "models", "services", "views", "jobs",
        ];
        if below_web.contains(&module.as_str()) {
            for http in ["actix", "HttpRequest", "HttpResponse"] {
                assert!(!text.contains(http), "{} mentions {http}", file.display());
            }
        }
        if module == "web" {
            assert!(
                !text.contains("crate::startup"),
                "{} uses startup",
                file.display()
            );
        }
    }
}
