//! Hidden inherent methods named like the operations a type refuses (`update`, `save`, ...). Each
//! has a bound on its client argument that never holds, so calling one fails with the message of
//! that bound's trait in the runtime ("`Project` cannot be updated: its type refuses `update`"),
//! naming the attribute, where a missing method would only say "no method named `update`".

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::codegen::serde_bound;
use crate::model::Model;

/// One refused method: its name, the runtime trait it cannot satisfy, whether it takes `self`
/// (`&self`, `&mut self`, or nothing), and its extra arguments.
struct Refused {
    method: &'static str,
    bound: &'static str,
    receiver: TokenStream,
    args: TokenStream,
    output: TokenStream,
}

/// `impl T { .. }` with a refusing method per refused operation, or nothing.
pub(crate) fn refused_methods(model: &Model) -> TokenStream {
    let ops = model.operations;
    let root = &model.root;
    let key = quote!(<Self as #root::Resource>::Key);
    let unit = quote!(());
    let mut refused: Vec<Refused> = Vec::new();
    let mut add =
        |method, bound, receiver: TokenStream, args: TokenStream, output: &TokenStream| {
            refused.push(Refused {
                method,
                bound,
                receiver,
                args,
                output: output.clone(),
            });
        };
    if !ops.fetch {
        add(
            "fetch",
            "RefusesFetch",
            quote!(),
            quote!(_key: #key),
            &quote!(Self),
        );
        add(
            "refresh",
            "RefusesFetch",
            quote!(&mut self,),
            quote!(),
            &unit,
        );
    }
    if !ops.create {
        add("save", "RefusesCreate", quote!(&mut self,), quote!(), &unit);
    } else if model.multipart.is_some() {
        add(
            "save",
            "CreatedByUpload",
            quote!(&mut self,),
            quote!(),
            &unit,
        );
    }
    if !ops.update {
        add(
            "update",
            "RefusesUpdate",
            quote!(&mut self,),
            quote!(),
            &unit,
        );
        let changes = quote!(_changes: __Changes);
        add(
            "update_with",
            "RefusesUpdate",
            quote!(&mut self,),
            changes,
            &unit,
        );
    }
    if !ops.delete {
        add("delete", "RefusesDelete", quote!(&self,), quote!(), &unit);
        add(
            "delete_by_id",
            "RefusesDelete",
            quote!(),
            quote!(_key: #key),
            &unit,
        );
    }
    if refused.is_empty() {
        return TokenStream::new();
    }
    let methods = refused.iter().map(|r| {
        let method = format_ident!("{}", r.method);
        let bound = format_ident!("{}", r.bound);
        let (receiver, args, output) = (&r.receiver, &r.args, &r.output);
        let generics = if r.method == "update_with" {
            quote!(<__Client: ?::core::marker::Sized, __Changes>)
        } else {
            quote!(<__Client: ?::core::marker::Sized>)
        };
        quote! {
            #[doc(hidden)]
            pub fn #method #generics(#receiver _cm: &__Client, #args)
                -> #root::__private::Refused<#output>
            where
                __Client: #root::__private::#bound<Self>,
            {
                #root::__private::refused()
            }
        }
    });
    let ident = &model.ident;
    let bound = serde_bound(model);
    quote! {
        #[allow(dead_code)]
        impl #ident #bound {
            #(#methods)*
        }
    }
}
