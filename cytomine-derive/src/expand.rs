//! The derive as a function over `proc_macro2` tokens: parse, validate, then emit either the
//! code or the errors with dummy impls.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::codegen;
use crate::validate::{default_root, validate};

/// Expands `#[derive(Resource)]` on `input` (the item's tokens).
pub(crate) fn derive(input: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    match validate(&input) {
        Ok(model) => codegen::expand(&model),
        Err(failure) => {
            let errors = failure.errors.write_errors();
            let root = failure.root.unwrap_or_else(default_root);
            let dummies = codegen::dummies(&input, &root, &failure.methods);
            quote! {
                #errors
                #dummies
            }
        }
    }
}
