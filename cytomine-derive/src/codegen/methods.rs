//! Inherent methods: `fetch_by_<name>` for each lookup and `upload` for a type created by
//! multipart upload. Each is one call into the runtime; no request is written here.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Path, Visibility};

use crate::model::{LookupModel, Model};

/// `impl T { .. }` with the lookup and upload methods, or nothing.
pub(crate) fn inherent_methods(model: &Model) -> TokenStream {
    let root = &model.root;
    let vis = &model.vis;
    let lookups: Vec<TokenStream> = model
        .lookups
        .iter()
        .map(|lookup| lookup_method(lookup, vis, root))
        .collect();
    let upload = model.multipart.as_ref().map(|_| upload_method(model));
    if lookups.is_empty() && upload.is_none() {
        return TokenStream::new();
    }
    let ident = &model.ident;
    let bound = crate::codegen::serde_bound(model);
    quote! {
        impl #ident #bound {
            #(#lookups)*
            #upload
        }
    }
}

fn lookup_method(lookup: &LookupModel, vis: &Visibility, root: &Path) -> TokenStream {
    let method = format_ident!("fetch_by_{}", lookup.name);
    let name = lookup.name.to_string();
    let doc = format!(
        "Fetches the item found by `{name}`: `GET /api/{}`. Each argument fills the \
         placeholder of the same name; a missing value (an empty text) is a usage error and \
         nothing is sent.",
        lookup.template
    );
    let params = lookup.args.iter().map(|arg| {
        let (name, ty) = (&arg.name, &arg.ty);
        if arg.text {
            quote!(#name: impl ::core::convert::Into<::std::string::String>)
        } else {
            quote!(#name: #ty)
        }
    });
    let values = lookup.args.iter().map(|arg| {
        let name = &arg.name;
        let key = name.to_string();
        let value = if arg.text {
            quote!(::core::convert::Into::<::std::string::String>::into(#name))
        } else {
            quote!(#name)
        };
        quote!((#key, #root::__private::PathValue::path_value(&#value)))
    });
    quote! {
        #[doc = #doc]
        #vis async fn #method(cm: &#root::Cytomine, #(#params),*) -> #root::Result<Self> {
            #root::__private::fetch_by::<Self>(cm, #name, ::std::vec![#(#values),*]).await
        }
    }
}

fn upload_method(model: &Model) -> TokenStream {
    let (root, vis) = (&model.root, &model.vis);
    let mut doc = format!(
        "Creates this object by uploading `file` (streamed from disk): multipart \
         `POST /api/{}`, the file in the part `{}`",
        model.create,
        model.multipart.as_ref().map_or("", |m| m.part.as_str()),
    );
    let keys: Vec<String> = model
        .multipart
        .iter()
        .flat_map(|m| m.query.iter().map(|(wire, _)| format!("`{wire}`")))
        .collect();
    if !keys.is_empty() {
        doc.push_str(&format!(
            ", and {} in the query string when set",
            keys.join(", ")
        ));
    }
    doc.push_str(". What the server answers is filled in, its id first.");
    quote! {
        #[doc = #doc]
        #vis async fn upload(
            &mut self,
            cm: &#root::Cytomine,
            file: impl ::core::convert::AsRef<::std::path::Path>,
        ) -> #root::Result<()> {
            #root::__private::multipart_create(cm, self, ::core::convert::AsRef::as_ref(&file)).await
        }
    }
}
