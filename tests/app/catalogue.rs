//! The catalogues and the code, held against each other: every key in all three
//! languages, formatting there with the arguments English uses; no key the code does not
//! use; no key the code uses that the catalogue lacks.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use clientele::i18n::{self, Arg, Lang};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

/// Message ids of a catalogue, each with the variables its text uses (`$name`).
fn catalogue(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(root().join(format!("locales/{}.ftl", lang.code())))
        .expect("the catalogue file");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = None;
    for line in text.lines() {
        let starts_message =
            line.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && line.contains(" =");
        if starts_message {
            let id = line.split(" =").next().unwrap().trim().to_owned();
            out.insert(id.clone(), BTreeSet::new());
            current = Some(id);
        } else if line.starts_with('#') || line.trim().is_empty() {
            if line.starts_with('#') {
                current = None;
            }
            continue;
        }
        if let Some(id) = &current {
            for (i, _) in line.match_indices('$') {
                let var: String = line[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                out.get_mut(id).unwrap().insert(var);
            }
        }
    }
    out
}

fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, exts, out);
        } else if path
            .extension()
            .is_some_and(|e| exts.contains(&e.to_str().unwrap()))
        {
            out.push(path);
        }
    }
}

/// Every string literal of the code.
fn literals() -> Vec<(PathBuf, String)> {
    let mut paths = Vec::new();
    files(&root().join("src"), &["rs"], &mut paths);
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut rest = text.as_str();
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            out.push((path.clone(), after[..end].to_owned()));
            rest = &after[end + 1..];
        }
    }
    out
}

#[test]
fn every_key_is_in_all_three_catalogues_and_formats_there() {
    let en = catalogue(Lang::En);
    assert!(en.len() > 100, "{} keys", en.len());
    for lang in [Lang::PtBr, Lang::Es] {
        let other = catalogue(lang);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang:?} has keys English lacks: {extra:?}"
        );
    }
    for (key, vars) in &en {
        // The arguments English uses: `$x-text` comes with `$x` (a number's shown form).
        let names: BTreeSet<&str> = vars
            .iter()
            .map(|v| v.strip_suffix("-text").unwrap_or(v))
            .collect();
        let args: Vec<(Cow<'static, str>, Arg)> = names
            .into_iter()
            .map(|v| (Cow::Owned(v.to_owned()), Arg::Number(2)))
            .collect();
        for lang in Lang::ALL {
            let text = i18n::exact(lang, key, &args);
            assert!(
                text.as_deref().is_some_and(|t| !t.trim().is_empty()),
                "{key} does not format in {lang:?} with {vars:?}"
            );
        }
    }
}

/// The keys templates name in their calls (`layout.t("key")`, `t1`, `t2`, `t3`).
fn template_keys() -> Vec<(PathBuf, String)> {
    let mut paths = Vec::new();
    files(&root().join("templates"), &["html", "txt"], &mut paths);
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        for marker in [".t(\"", ".t1(\"", ".t2(\"", ".t3(\""] {
            for (i, _) in text.match_indices(marker) {
                let key = text[i + marker.len()..].split('"').next().unwrap();
                out.push((path.clone(), key.to_owned()));
            }
        }
    }
    out
}

#[test]
fn no_key_the_code_does_not_use() {
    let used: BTreeSet<String> = literals()
        .into_iter()
        .chain(template_keys())
        .map(|(_, s)| s)
        .collect();
    let unused: Vec<String> = catalogue(Lang::En)
        .into_keys()
        .filter(|k| !used.contains(k))
        .collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");
}

#[test]
fn no_key_the_code_uses_is_missing() {
    let en = catalogue(Lang::En);
    // A literal shaped like a key whose first word is one the catalogue uses is taken as a
    // key (`"error-enter-email"`); markup and CSS names in templates are not literals of
    // the code, and the template calls are checked separately below.
    let prefixes: BTreeSet<&str> = en
        .keys()
        .filter_map(|k| k.split_once('-').map(|(first, _)| first))
        .collect();
    let mut missing = Vec::new();
    for (path, s) in literals() {
        let shaped = s.contains('-')
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        let first = s.split('-').next().unwrap_or("");
        if shaped && prefixes.contains(first) && !en.contains_key(&s) {
            missing.push(format!("{}: {s}", path.display()));
        }
    }
    // In templates: every `layout.t…("key"` names a key of the catalogue.
    for (path, key) in template_keys() {
        if !en.contains_key(&key) {
            missing.push(format!("{}: {key}", path.display()));
        }
    }
    assert!(missing.is_empty(), "keys the catalogue lacks: {missing:?}");
}
