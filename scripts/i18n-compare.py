"""Writes the crates that scripts/bench-i18n.sh builds: one page that shows
every text of i18n/en.json once, through the app's own catalogue or through
leptos_i18n, so that the two differ only in how a text is looked up.

usage: i18n-compare.py ROOT OUT
"""

import json
import re
import sys
from pathlib import Path

root, out = Path(sys.argv[1]), Path(sys.argv[2])
english = json.loads((root / "i18n/en.json").read_text())
french = json.loads((root / "i18n/fr.json").read_text())
keys = sorted(english)

PROFILE = """
[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"
"""


def names(text):
    return sorted({m.split(":")[0] for m in re.findall(r"\{([^{}]*)\}", text)})


def leptos_i18n_key(key):
    # leptos_i18n keys are Rust identifiers: "5_min" becomes "k5_min".
    return ".".join("k" + part if part[0].isdigit() else part for part in key.split("."))


def leptos_i18n_text(text):
    # leptos_i18n writes {{ name }}; a plural of ours keeps its "other"
    # form (leptos_i18n's plurals need ICU data, which would only add).
    text = re.sub(r"\{(\w+):([^{}]*)\}", lambda m: m.group(2).split("|")[-1], text)
    return re.sub(r"\{(\w+)\}", lambda m: "{{ %s }}" % m.group(1), text)


def nested(catalogue):
    tree = {}
    for key in keys:
        *parents, leaf = leptos_i18n_key(key).split(".")
        node = tree
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = leptos_i18n_text(catalogue[key])
    return tree


def text_views(arm, uses_context):
    lines = ["use leptos::prelude::*;"]
    if uses_context:
        lines += ["use crate::i18n::*;", "use leptos_i18n::t_string;"]
    else:
        lines += ["use crate::i18n::{fill, t};"]
    lines += ["", "pub const COUNT: usize = %d;" % len(keys), ""]
    lines += ["pub fn text_view(i: usize) -> AnyView {"]
    if uses_context:
        lines += ["    let i18n = use_i18n();"]
    lines += ["    match i {"]
    lines += ["        %d => view! { <p>{%s}</p> }.into_any()," % (i, arm(k)) for i, k in enumerate(keys)]
    lines += ["        _ => ().into_any(),", "    }", "}", ""]
    return "\n".join(lines)


def ours_arm(key):
    field = key.replace(".", "_")
    values = ", ".join('("%s", &%d)' % (n, j + 1) for j, n in enumerate(names(english[key])))
    return "fill(t().%s(), &[%s])" % (field, values) if values else "t().%s()" % field


def leptos_i18n_arm(reactive):
    def arm(key):
        values = sorted(set(re.findall(r"\{\{ (\w+) \}\}", leptos_i18n_text(english[key]))))
        if values:
            args = ", ".join("%s = %d" % (n, j + 1) for j, n in enumerate(values))
            return "t_string!(i18n, %s, %s).to_string()" % (leptos_i18n_key(key), args)
        macro = "t!" if reactive else "t_string!"
        return "%s(i18n, %s)" % (macro, leptos_i18n_key(key))

    return arm


def crate(name, dependencies, build_dependencies):
    path = out / name
    (path / "src").mkdir(parents=True, exist_ok=True)
    (path / "Cargo.toml").write_text(
        '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n%s\n'
        'leptos = { version = "0.8.23", features = ["csr"] }\nserde_json = "1"\n'
        'wasm-bindgen = "=0.2.130"\njs-sys = "0.3"\nweb-sys = { version = "0.3", features = ["Window"] }\n\n'
        "[build-dependencies]\n%s\n%s" % (name, dependencies, build_dependencies, PROFILE)
    )
    (path / "Cargo.lock").write_text((root / "Cargo.lock").read_text())
    return path


# Both pages read a French text from the window and parse JSON, as the app does.
READ_FRENCH = (
    "    let window = web_sys::window().unwrap();\n"
    '    let french = js_sys::Reflect::get(&window, &"__frenchCatalogue".into())\n'
    "        .ok()\n"
    "        .and_then(|v| v.as_string());\n"
)

ours = crate("ours", "", 'serde_json = "1"')
(ours / "i18n").mkdir(exist_ok=True)
for language in ("en", "fr"):
    (ours / "i18n" / f"{language}.json").write_text((root / f"i18n/{language}.json").read_text())
(ours / "build.rs").write_text((root / "build.rs").read_text())
(ours / "src/keys.rs").write_text(text_views(ours_arm, False))
(ours / "src/main.rs").write_text(
    '#[path = "%s"]\n#[allow(dead_code)]\nmod i18n;\nmod keys;\nuse leptos::prelude::*;\n\nfn main() {\n%s'
    "    let lang = if french.is_some() { i18n::Lang::Fr } else { i18n::Lang::En };\n"
    "    i18n::start_in(lang, french.as_deref());\n"
    "    mount_to_body(|| (0..keys::COUNT).map(keys::text_view).collect_view());\n}\n"
    % (root / "src/i18n/mod.rs", READ_FRENCH)
)

VARIANTS = {
    "leptos_i18n_default": ('features = ["csr"]', True),
    "leptos_i18n_lean": ('default-features = false, features = ["csr"]', True),
    "leptos_i18n_strings": ('default-features = false, features = ["csr"]', False),
}
for name, (features, reactive) in VARIANTS.items():
    path = crate(
        name,
        'leptos_i18n = { version = "=0.6.2", %s }' % features,
        'leptos_i18n_build = "=0.6.2"',
    )
    (path / "locales").mkdir(exist_ok=True)
    for language, catalogue in (("en", english), ("fr", french)):
        (path / "locales" / f"{language}.json").write_text(json.dumps(nested(catalogue), ensure_ascii=False, indent=1))
    (path / "build.rs").write_text(
        "use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};\n\n"
        "fn main() -> Result<(), Box<dyn std::error::Error>> {\n"
        '    let dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("i18n");\n'
        '    let config = Config::new("en")?\n        .add_locale("fr")?\n'
        "        .parse_options(ParseOptions::default().interpolate_display(true));\n"
        "    let infos = TranslationsInfos::parse(config)?;\n"
        "    infos.rerun_if_locales_changed();\n"
        "    infos.generate_i18n_module(dir)?;\n    Ok(())\n}\n"
    )
    (path / "src/keys.rs").write_text(text_views(leptos_i18n_arm(reactive), True))
    (path / "src/main.rs").write_text(
        'include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));\nmod keys;\nuse i18n::*;\nuse leptos::prelude::*;\n\n'
        "fn main() {\n%s"
        "    let parsed: Vec<String> = french.as_deref().and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default();\n"
        "    mount_to_body(move || view! {\n        <I18nContextProvider>\n            <p>{parsed.len()}</p>\n"
        "            {(0..keys::COUNT).map(keys::text_view).collect_view()}\n        </I18nContextProvider>\n    });\n}\n"
        % READ_FRENCH
    )
