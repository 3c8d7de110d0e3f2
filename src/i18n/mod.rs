//! The catalogue: every string a person reads, in English (the source), Brazilian
//! Portuguese and Spanish. Fluent (`locales/<lang>.ftl`, built into the binary by
//! `fluent-templates`) gives each language its own plural and grammar rules; numbers and
//! dates are formatted here, for the locale. A leaf module: it uses nothing of the crate.
//!
//! Keys are written out in full where they are used (`t("clients-title")`), never built
//! from pieces, so that a test can hold the catalogues and the code against each other.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they would end up in HTML and emails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language of the console and of emails (SPEC §2: `en` | `pt-BR` | `es`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    PtBr,
    Es,
}

static EN: LanguageIdentifier = langid!("en");
static PT_BR: LanguageIdentifier = langid!("pt-BR");
static ES: LanguageIdentifier = langid!("es");

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::PtBr, Lang::Es];

    /// Reads a stored or typed code; anything unknown falls back to English.
    pub fn from_code(code: &str) -> Lang {
        Lang::parse(code).unwrap_or_default()
    }

    /// A code this console speaks (`pt`, `pt-br` and `pt_BR` are Brazilian Portuguese; any
    /// `es-*` is Spanish; any `en-*` English), or None.
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase().replace('_', "-");
        let primary = code.split('-').next().unwrap_or("");
        match primary {
            "en" => Some(Lang::En),
            "pt" => Some(Lang::PtBr),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::PtBr => "pt-BR",
            Lang::Es => "es",
        }
    }

    /// The language's own name, as a language selector shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::PtBr => "Português (Brasil)",
            Lang::Es => "Español",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::PtBr => &PT_BR,
            Lang::Es => &ES,
        }
    }

    /// The best of our languages for an `Accept-Language` header (quality values
    /// honoured, ties in the order given); English when none matches.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut ranked: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                let lang = Lang::parse(tag)?;
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.first().map_or(Lang::En, |r| r.2)
    }
}

/// A message of the catalogue and its arguments, to be put in a language later: a field
/// error or a flash message is made where the reader's language is not known yet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Msg {
    pub key: Cow<'static, str>,
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

/// An argument of a message: text, or a number (which also picks the plural form).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<&&String> for Arg {
    fn from(s: &&String) -> Self {
        Arg::Text((*s).clone())
    }
}

impl From<&&str> for Arg {
    fn from(s: &&str) -> Self {
        Arg::Text((*s).to_owned())
    }
}

impl From<&&i64> for Arg {
    fn from(n: &&i64) -> Self {
        Arg::Number(**n)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

impl From<&i64> for Arg {
    fn from(n: &i64) -> Self {
        Arg::Number(*n)
    }
}

impl From<i32> for Arg {
    fn from(n: i32) -> Self {
        Arg::Number(n.into())
    }
}

impl From<&i32> for Arg {
    fn from(n: &i32) -> Self {
        Arg::Number((*n).into())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(n as i64)
    }
}

impl From<&usize> for Arg {
    fn from(n: &usize) -> Self {
        Arg::Number(*n as i64)
    }
}

impl From<&'static str> for Msg {
    fn from(key: &'static str) -> Self {
        Msg::new(key)
    }
}

impl Msg {
    pub fn new(key: impl Into<Cow<'static, str>>) -> Msg {
        Msg {
            key: key.into(),
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// The message in a language.
    pub fn in_lang(&self, lang: Lang) -> String {
        lookup(lang, &self.key, &self.args)
    }
}

/// A message without arguments. Most of a page's words are these (a list of 50 rows asks
/// for about 200), so each language's are formatted once, on first use, and kept.
pub fn t(lang: Lang, key: &str) -> String {
    match plain_messages(lang).get(key) {
        Some(text) => text.clone(),
        None => LOCALES.lookup(lang.id(), key),
    }
}

/// The catalogue files as built in (their message ids are read from the text).
const CATALOGUES: [(Lang, &str); 3] = [
    (Lang::En, include_str!("../../locales/en.ftl")),
    (Lang::PtBr, include_str!("../../locales/pt-BR.ftl")),
    (Lang::Es, include_str!("../../locales/es.ftl")),
];

/// Every message of a language that formats without arguments, formatted.
fn plain_messages(lang: Lang) -> &'static HashMap<String, String> {
    use std::sync::OnceLock;
    static CACHE: [OnceLock<HashMap<String, String>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    CACHE[slot].get_or_init(|| {
        let text = CATALOGUES
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or("", |(_, text)| text);
        text.lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
            .filter_map(|id| {
                let text = LOCALES.lookup_no_default_fallback::<&str>(lang.id(), id, None)?;
                Some((id.to_owned(), text))
            })
            .collect()
    })
}

/// A message with arguments. A number is given to Fluent as a number (it picks the plural
/// form) and shown formatted for the locale (grouping), through `$name-text`.
pub fn lookup(lang: Lang, key: &str, args: &[(Cow<'static, str>, Arg)]) -> String {
    LOCALES.lookup_with_args(lang.id(), key, &fluent_args(lang, args))
}

/// The arguments as Fluent takes them. Fluent selects plurals on a number; the text shown
/// is ours, grouped for the locale, under the same name with `-text` appended.
fn fluent_args(
    lang: Lang,
    args: &[(Cow<'static, str>, Arg)],
) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    let mut map = HashMap::with_capacity(args.len() * 2);
    for (name, value) in args {
        let value = match value {
            Arg::Text(s) => FluentValue::from(s.clone()),
            Arg::Number(n) => {
                map.insert(
                    Cow::Owned(format!("{name}-text")),
                    FluentValue::from(format_number(lang, *n)),
                );
                FluentValue::from(*n)
            }
        };
        map.insert(name.clone(), value);
    }
    map
}

/// The message as the catalogue of `lang` itself has it (no fallback to English), or None
/// when it lacks the key or cannot format it with these arguments (the catalogue test).
pub fn exact(lang: Lang, key: &str, args: &[(Cow<'static, str>, Arg)]) -> Option<String> {
    LOCALES.lookup_no_default_fallback(lang.id(), key, Some(&fluent_args(lang, args)))
}

/// An integer with the locale's grouping: `12,345` (en), `12.345` (pt-BR), `12.345` but
/// `1234` (es: four-digit numbers are not grouped).
pub fn format_number(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let (separator, min_digits) = match lang {
        Lang::En => (',', 4),
        Lang::PtBr => ('.', 4),
        Lang::Es => ('.', 5),
    };
    let mut out = String::new();
    if digits.len() >= min_digits {
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(c);
        }
    } else {
        out = digits;
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

mod countries;

/// A country's name in a language, from CLDR (`countries.rs`), by its ISO 3166-1 alpha-2
/// code; None for a code the forms do not accept.
pub fn country_name(lang: Lang, code: &str) -> Option<&'static str> {
    let table = countries::COUNTRIES;
    let i = table.binary_search_by(|row| row.0.cmp(code)).ok()?;
    let (_, en, es, pt) = table[i];
    Some(match lang {
        Lang::En => en,
        Lang::Es => es,
        Lang::PtBr => pt,
    })
}

/// Every country code the forms accept with its name in `lang`, in that language's order
/// (sorted once per language: collation is dear, and every client form shows the list).
pub fn countries_in(lang: Lang) -> &'static [(&'static str, &'static str)] {
    use std::sync::OnceLock;
    static SORTED: [OnceLock<Vec<(&'static str, &'static str)>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match lang {
        Lang::En => &SORTED[0],
        Lang::Es => &SORTED[1],
        Lang::PtBr => &SORTED[2],
    };
    slot.get_or_init(|| {
        let mut all: Vec<(&'static str, &'static str)> = countries::COUNTRIES
            .iter()
            .map(|row| (row.0, country_name(lang, row.0).unwrap_or(row.1)))
            .collect();
        let c = collator(lang);
        all.sort_by(|a, b| c.compare(a.1, b.1));
        all
    })
}

/// The collator of a language: how its readers expect a list sorted ("Élodie" with the
/// Es, "Åland" with the As), from CLDR through ICU4X. Made once per language.
pub fn collator(lang: Lang) -> &'static icu_collator::CollatorBorrowed<'static> {
    use std::sync::OnceLock;
    static COLLATORS: [OnceLock<icu_collator::CollatorBorrowed<'static>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match lang {
        Lang::En => &COLLATORS[0],
        Lang::Es => &COLLATORS[1],
        Lang::PtBr => &COLLATORS[2],
    };
    slot.get_or_init(|| {
        let locale: icu_locale_core::Locale = lang
            .code()
            .parse()
            .expect("the languages are valid BCP 47 tags");
        icu_collator::Collator::try_new(locale.into(), Default::default())
            .expect("the compiled data has en, es and pt")
    })
}

/// Sorts `items` by `key` as `lang` sorts words.
pub fn sort_by_locale<T>(lang: Lang, items: &mut [T], key: impl Fn(&T) -> &str) {
    let c = collator(lang);
    items.sort_by(|a, b| c.compare(key(a), key(b)));
}

/// A date as the locale writes it: `Nov 25, 2026` (en), `25/11/2026` (pt-BR, es).
pub fn format_date(lang: Lang, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match lang {
        Lang::En => format!(
            "{} {}, {}",
            EN_MONTHS[d.month0() as usize],
            d.day(),
            d.year()
        ),
        Lang::PtBr | Lang::Es => d.format("%d/%m/%Y").to_string(),
    }
}

/// A moment (UTC) as the locale writes it: `Nov 25, 2026, 14:05 UTC`, `25/11/2026 14:05 UTC`.
pub fn format_datetime(lang: Lang, t: chrono::NaiveDateTime) -> String {
    let date = format_date(lang, t.date());
    let time = t.format("%H:%M");
    match lang {
        Lang::En | Lang::Es => format!("{date}, {time} UTC"),
        Lang::PtBr => format!("{date} {time} UTC"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_sort_as_each_language_does_and_countries_have_their_names() {
        use super::{Lang, countries_in, country_name, sort_by_locale};
        let mut names = vec!["Zoe", "Élodie", "Ana", "élan", "Eva"];
        sort_by_locale(Lang::En, &mut names, |s| s);
        assert_eq!(names, ["Ana", "élan", "Élodie", "Eva", "Zoe"]);
        let en = countries_in(Lang::En);
        let at = |name: &str| en.iter().position(|(_, n)| *n == name).unwrap();
        assert!(at("Afghanistan") < at("Åland Islands") && at("Åland Islands") < at("Albania"));
        assert_eq!(country_name(Lang::En, "SZ"), Some("Eswatini"));
        assert_eq!(country_name(Lang::Es, "DE"), Some("Alemania"));
        assert_eq!(country_name(Lang::PtBr, "US"), Some("Estados Unidos"));
        assert_eq!(country_name(Lang::En, "ZZ"), None);
        // Every code the forms accept has its three names.
        for c in isocountry::CountryCode::iter() {
            for lang in Lang::ALL {
                assert!(country_name(lang, c.alpha2()).is_some(), "{}", c.alpha2());
            }
        }
        assert_eq!(en.len(), isocountry::CountryCode::iter().count());
    }

    use super::*;

    #[test]
    fn accept_language_picks_the_best_we_speak() {
        assert_eq!(Lang::from_accept_language("es"), Lang::Es);
        assert_eq!(
            Lang::from_accept_language("pt-PT,pt;q=0.9,en;q=0.8"),
            Lang::PtBr
        );
        assert_eq!(
            Lang::from_accept_language("fr-CA,fr;q=0.9,es;q=0.5,en;q=0.4"),
            Lang::Es
        );
        assert_eq!(
            Lang::from_accept_language("en;q=0.2, es-MX;q=0.9"),
            Lang::Es
        );
        assert_eq!(Lang::from_accept_language("de, fr"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
        assert_eq!(Lang::from_accept_language("es;q=0, pt-BR"), Lang::PtBr);
        assert_eq!(Lang::from_code("pt_BR"), Lang::PtBr);
        assert_eq!(Lang::from_code("fr"), Lang::En);
    }

    #[test]
    fn numbers_and_dates_follow_the_locale() {
        assert_eq!(format_number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(format_number(Lang::PtBr, 100_000), "100.000");
        assert_eq!(format_number(Lang::Es, 1234), "1234");
        assert_eq!(format_number(Lang::Es, 12_345), "12.345");
        assert_eq!(format_number(Lang::En, -5), "-5");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
        assert_eq!(format_date(Lang::En, d), "Nov 5, 2026");
        assert_eq!(format_date(Lang::PtBr, d), "05/11/2026");
        assert_eq!(format_date(Lang::Es, d), "05/11/2026");
    }

    #[test]
    fn plurals_follow_each_language() {
        let days = |lang, n: i64| Msg::new("owner-pending-days").with("days", n).in_lang(lang);
        assert_eq!(days(Lang::En, 1), "owner pending, expires in 1 day");
        assert_eq!(days(Lang::En, 3), "owner pending, expires in 3 days");
        assert_eq!(
            days(Lang::PtBr, 1),
            "proprietário pendente, expira em 1 dia"
        );
        assert_eq!(days(Lang::Es, 2), "propietario pendiente, caduca en 2 días");
        assert_eq!(days(Lang::En, 0), "owner pending, expires today");
    }
}
