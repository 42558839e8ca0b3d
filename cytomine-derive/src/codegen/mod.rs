//! From a [`Model`] to tokens: data (consts, a key type, a field lookup) and one-line trait impls.
//! No HTTP logic is ever emitted; the runtime holds it.

mod dummies;
mod list;
mod methods;
mod resource;

pub(crate) use dummies::dummies;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::Model;

/// Everything `#[derive(Resource)]` emits for a valid type.
pub(crate) fn expand(model: &Model) -> TokenStream {
    let resource = resource::resource_impl(model);
    let capabilities = capability_impls(model);
    let list = list::list_type(model);
    let methods = methods::inherent_methods(model);
    quote! {
        #resource
        #capabilities
        #list
        #methods
    }
}

/// `impl Fetch/Create/Update/Delete/Listable for T {}`, except the refused ones; a type created
/// by upload has no `Create` (its `save` would send JSON).
fn capability_impls(model: &Model) -> TokenStream {
    let ident = &model.ident;
    let root = &model.root;
    let ops = model.operations;
    let allowed = [
        ("Fetch", ops.fetch),
        ("Create", ops.create && model.multipart.is_none()),
        ("Update", ops.update),
        ("Delete", ops.delete),
        ("Listable", ops.list),
    ];
    allowed
        .iter()
        .filter(|(_, allowed)| *allowed)
        .map(|(name, _)| {
            let trait_ident = format_ident!("{}", name);
            quote!(impl #root::#trait_ident for #ident {})
        })
        .collect()
}

/// The name of the generated list type: `<Name>List`.
pub(crate) fn list_ident(ident: &syn::Ident) -> syn::Ident {
    format_ident!("{}List", ident)
}
