//! `params(with_members_count: bool, show_wkt: bool = "showWKT", show_details: bool default true)`:
//! not meta syntax, so the tokens inside the parentheses are parsed with syn.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, Lit, LitStr, MetaList, Token, Type};

use crate::diagnostics::misuse_span;

/// One query modifier: `rust_name: Type` with an optional `= "wireName"` and an optional
/// `default <literal>`.
pub(crate) struct ParamSpec {
    pub name: Ident,
    pub ty: Type,
    pub wire: Option<LitStr>,
    pub default: Option<ParamDefault>,
}

/// `default -5`: the literal and whether a minus sign preceded it.
pub(crate) struct ParamDefault {
    pub negative: bool,
    pub lit: Lit,
}

/// The list of `params(...)`, in declaration order.
#[derive(Default)]
pub(crate) struct ParamList(pub Vec<ParamSpec>);

const EXPECTED: &str =
    "`params(name: Type, other: Type = \"wireName\", flag: bool default true, ...)`";

impl Parse for ParamSpec {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name: Ident = input.parse()?;
        input.parse::<Token![:]>()?;
        let ty: Type = input.parse()?;
        let wire = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        let default = if input.peek(Ident) {
            let keyword: Ident = input.parse()?;
            if keyword != "default" {
                return Err(syn::Error::new(
                    keyword.span(),
                    format!("expected `default` or `,`, found `{keyword}`"),
                ));
            }
            let negative = input.parse::<Option<Token![-]>>()?.is_some();
            Some(ParamDefault {
                negative,
                lit: input.parse()?,
            })
        } else {
            None
        };
        Ok(ParamSpec {
            name,
            ty,
            wire,
            default,
        })
    }
}

impl ParamList {
    /// Reads the modifiers inside `params(...)`.
    pub(crate) fn read(list: &MetaList) -> darling::Result<Self> {
        list.parse_args_with(Punctuated::<ParamSpec, Token![,]>::parse_terminated)
            .map(|specs| ParamList(specs.into_iter().collect()))
            .map_err(|err| {
                let wrong = format!("cannot read this parameter ({err})");
                misuse_span(err.span(), "params", &wrong, EXPECTED)
            })
    }
}
