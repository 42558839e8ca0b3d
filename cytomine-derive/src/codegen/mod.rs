//! From a [`Model`] to tokens: data (consts, a key type, a field lookup) and one-line trait impls.
//! No HTTP logic is ever emitted; the runtime holds it.

mod dummies;
mod list;
mod methods;
mod refusals;
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
    let refused = refusals::refused_methods(model);
    let wire = wire_assertion(model);
    quote! {
        #wire
        #resource
        #capabilities
        #list
        #methods
        #refused
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
            let bound = serde_bound(model);
            quote!(impl #root::#trait_ident for #ident #bound {})
        })
        .collect()
}

/// The where clause of every generated impl: the type is serde's both ways. Higher-ranked, so
/// that it is not a trivially false bound: when serde's derives are missing, the impls are simply
/// unusable and [`wire_assertion`] reports the one error.
pub(crate) fn serde_bound(model: &Model) -> TokenStream {
    let (ident, root) = (&model.ident, &model.root);
    quote! {
        where for<'__wire> #ident: #root::__private::Serialize + #root::__private::DeserializeOwned
    }
}

/// `const _` asserting the type is `Wire` (serde's both ways), on the struct's name: the one
/// error for a type without `Serialize`/`Deserialize`, and it says what to add.
fn wire_assertion(model: &Model) -> TokenStream {
    let (ident, root) = (&model.ident, &model.root);
    let asserted = quote::quote_spanned!(ident.span()=> __assert_wire::<#ident>);
    quote! {
        const _: () = {
            fn __assert_wire<T: #root::__private::Wire>() {}
            let _ = #asserted;
        };
    }
}

/// The name of the generated list type: `<Name>List`.
pub(crate) fn list_ident(ident: &syn::Ident) -> syn::Ident {
    format_ident!("{}List", ident)
}
