//! `impl Resource for T`: the static facts.

use proc_macro2::TokenStream;
use quote::quote;

use crate::codegen::list_ident;
use crate::model::Model;

/// The `Resource` impl of a valid type.
pub(crate) fn resource_impl(model: &Model) -> TokenStream {
    let Model {
        ident,
        root,
        path,
        envelope,
        create,
        item,
        list,
        key_names,
        key_type,
        id_field,
        filter_required,
        batch_create,
        ..
    } = model;
    let class = match &model.class {
        Some(class) => quote!(::core::option::Option::Some(#class)),
        None => quote!(::core::option::Option::None),
    };
    let filters = model.filters.iter().map(|filter| {
        let name = filter.name.to_string();
        let template = &filter.template;
        let query = &filter.query;
        quote!(#root::Filter { name: #name, path: #template, query: &[#(#query),*] })
    });
    let ops = model.operations;
    let (fetch, create_op, update, delete) = (ops.fetch, ops.create, ops.update, ops.delete);
    let list_op = ops.list;
    let defaults = model.params.iter().filter_map(|param| {
        let wire = &param.wire;
        param.default.as_ref().map(|text| quote!((#wire, #text)))
    });
    let lookups = model.lookups.iter().map(|lookup| {
        let name = lookup.name.to_string();
        let template = &lookup.template;
        quote!(#root::Lookup { name: #name, path: #template })
    });
    let multipart = match &model.multipart {
        Some(multipart) => {
            let part = &multipart.part;
            let pairs = multipart.query.iter().map(|(wire, field)| {
                let field = field.to_string();
                quote!((#wire, #field))
            });
            quote!(::core::option::Option::Some(#root::Multipart { part: #part, query: &[#(#pairs),*] }))
        }
        None => quote!(::core::option::Option::None),
    };
    let list_type = list_ident(ident);
    let bound = crate::codegen::serde_bound(model);
    let field_lookups = model.path_fields.iter().map(
        |(name, field)| quote!(#name => #root::__private::PathValue::path_value(&self.#field)),
    );
    quote! {
        impl #root::Resource for #ident #bound {
            const PATH: &'static str = #path;
            const ENVELOPE_KEY: &'static str = #envelope;
            const CLASS_NAME: ::core::option::Option<&'static str> = #class;
            const CREATE_PATH: &'static str = #create;
            const ITEM_PATH: &'static str = #item;
            const KEY_NAMES: &'static [&'static str] = &[#(#key_names),*];
            const LIST_PATH: &'static str = #list;
            const FILTERS: &'static [#root::Filter] = &[#(#filters),*];
            const FILTER_REQUIRED: bool = #filter_required;
            const BATCH_CREATE: bool = #batch_create;
            const DEFAULT_PARAMS: &'static [(&'static str, &'static str)] = &[#(#defaults),*];
            const LOOKUPS: &'static [#root::Lookup] = &[#(#lookups),*];
            const MULTIPART: ::core::option::Option<#root::Multipart> = #multipart;
            const OPERATIONS: #root::Operations = #root::Operations {
                fetch: #fetch,
                create: #create_op,
                update: #update,
                delete: #delete,
                list: #list_op,
            };
            type Key = #key_type;
            type List = #list_type;
            fn id(&self) -> ::core::option::Option<i64> {
                self.#id_field
            }
            fn set_id(&mut self, id: ::core::option::Option<i64>) {
                self.#id_field = id;
            }
            fn path_param(&self, name: &str) -> ::core::option::Option<::std::string::String> {
                match name {
                    #(#field_lookups,)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}
