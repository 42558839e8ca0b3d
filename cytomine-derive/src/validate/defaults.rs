//! `default <literal>` of a query modifier: the literal must fit the param's type; it becomes
//! the wire text every list query starts with.

use quote::ToTokens;
use syn::Lit;

use crate::diagnostics::misuse;
use crate::model::ParamKind;
use crate::parse::ParamDefault;

/// The wire text of `default` for a param of `kind`, or an error on the literal.
pub(crate) fn default_text(default: &ParamDefault, kind: &ParamKind) -> darling::Result<String> {
    let ty = kind.describe();
    let wrong = |what: String| {
        let expected = match ty.as_str() {
            "bool" => "`default true` or `default false`".to_string(),
            "String" => "a string literal, like `default \"ASC\"`".to_string(),
            "f64" => "a number, like `default 0.5`".to_string(),
            "Vec<i64>" | "Vec<String>" => "no default (a list modifier starts unset)".to_string(),
            _ => format!("an integer that fits `{ty}`, like `default 10`"),
        };
        Err(misuse(
            &default.lit.to_token_stream(),
            "params",
            what,
            expected,
        ))
    };
    let sign = if default.negative { "-" } else { "" };
    match (ty.as_str(), &default.lit) {
        ("Vec<i64>" | "Vec<String>", _) => wrong(format!("a `{ty}` param cannot have a default")),
        (_, _) if default.negative && !matches!(ty.as_str(), "i64" | "i32" | "f64") => {
            wrong(format!("a `{ty}` default cannot be negative"))
        }
        ("bool", Lit::Bool(b)) => Ok(b.value.to_string()),
        ("String", Lit::Str(s)) => Ok(s.value()),
        ("f64", Lit::Float(_) | Lit::Int(_)) => {
            let text = format!("{sign}{}", number_digits(&default.lit));
            match text.parse::<f64>() {
                Ok(value) if value.is_finite() => Ok(value.to_string()),
                _ => wrong(format!("`{text}` is not a finite `f64`")),
            }
        }
        ("i64" | "i32" | "u32" | "u64", Lit::Int(int)) => {
            let text = format!("{sign}{}", int.base10_digits());
            let fits = match ty.as_str() {
                "i64" => text.parse::<i64>().is_ok(),
                "i32" => text.parse::<i32>().is_ok(),
                "u32" => text.parse::<u32>().is_ok(),
                _ => text.parse::<u64>().is_ok(),
            };
            if fits {
                Ok(text)
            } else {
                wrong(format!("`{text}` does not fit `{ty}`"))
            }
        }
        _ => wrong(format!("this literal is not a `{ty}`")),
    }
}

fn number_digits(lit: &Lit) -> String {
    match lit {
        Lit::Int(int) => int.base10_digits().to_string(),
        Lit::Float(float) => float.base10_digits().to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(ty: &str, default: &str) -> Result<String, String> {
        let kind = match ty {
            "String" => ParamKind::Text,
            "u64" => ParamKind::Unsigned64,
            "Vec<i64>" => ParamKind::IdList,
            _ => ParamKind::Plain(Box::new(syn::parse_str(ty).unwrap())),
        };
        let negative = default.starts_with('-');
        let lit: Lit = syn::parse_str(default.trim_start_matches('-')).unwrap();
        default_text(&ParamDefault { negative, lit }, &kind).map_err(|e| e.to_string())
    }

    #[test]
    fn literals_become_wire_text() {
        let cases = [
            ("bool", "true", "true"),
            ("bool", "false", "false"),
            ("i64", "-5", "-5"),
            ("u32", "10", "10"),
            ("u64", "18446744073709551615", "18446744073709551615"),
            ("f64", "0.5", "0.5"),
            ("f64", "2", "2"),
            ("String", "\"ASC\"", "ASC"),
        ];
        for (ty, default, wire) in cases {
            assert_eq!(text(ty, default).as_deref(), Ok(wire), "{ty} {default}");
        }
    }

    #[test]
    fn literals_that_do_not_fit_are_refused() {
        let cases = [
            ("bool", "1", "this literal is not a `bool`"),
            ("u32", "-1", "cannot be negative"),
            ("i32", "3000000000", "does not fit `i32`"),
            ("String", "5", "not a `String`"),
            ("Vec<i64>", "5", "cannot have a default"),
        ];
        for (ty, default, needle) in cases {
            let err = text(ty, default).unwrap_err();
            assert!(err.contains(needle), "{ty} {default}: {err}");
        }
    }
}
