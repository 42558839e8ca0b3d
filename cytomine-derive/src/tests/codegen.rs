//! What a valid type expands to.

use super::expand;

const PROJECT: &str = r#"
#[resource(path = "project", class = "be.cytomine.domain.project.Project", filters(user, ontology),
           params(with_members_count: bool, online: bool, users: Vec<i64>, show_wkt: bool = "showWKT", bbox: String, names: Vec<String>, since: u64))]
pub struct Project { #[serde(flatten)] extra: Extra, pub id: Option<i64>, pub name: String }
"#;

#[test]
fn emits_the_static_facts() {
    let out = expand(PROJECT);
    let expected = [
        r#"impl::cytomine::ResourceforProjectwherefor"#,
        r#"constPATH:&'staticstr="project";"#,
        r#"constENVELOPE_KEY:&'staticstr="project";"#,
        r#"constCLASS_NAME:::core::option::Option<&'staticstr>=::core::option::Option::Some("be.cytomine.domain.project.Project");"#,
        r#"constCREATE_PATH:&'staticstr="project.json";"#,
        r#"constITEM_PATH:&'staticstr="project/{id}.json";"#,
        r#"constKEY_NAMES:&'static[&'staticstr]=&["id"];"#,
        r#"constLIST_PATH:&'staticstr="project.json";"#,
        r#"::cytomine::Filter{name:"user",path:"user/{}/project.json",query:&[]},::cytomine::Filter{name:"ontology",path:"ontology/{}/project.json",query:&[]}"#,
        r#"constFILTER_REQUIRED:bool=false;"#,
        r#"::cytomine::Operations{fetch:true,create:true,update:true,delete:true,list:true,}"#,
        r#"constDEFAULT_PARAMS:&'static[(&'staticstr,&'staticstr)]=&[];"#,
        r#"constLOOKUPS:&'static[::cytomine::Lookup]=&[];"#,
        r#"constMULTIPART:::core::option::Option<::cytomine::Multipart>=::core::option::Option::None;"#,
        r#"typeKey=i64;typeList=ProjectList;"#,
        r#""id"=>::cytomine::__private::PathValue::path_value(&self.id),"#,
        // Every impl is bounded by serde (higher-ranked, so a missing derive leaves one error,
        // the assertion's, on the type's name).
        r#"impl::cytomine::FetchforProjectwherefor<'__wire>Project:::cytomine::__private::Serialize+::cytomine::__private::DeserializeOwned{}"#,
        r#"impl::cytomine::ListableforProjectwherefor<'__wire>Project:"#,
        r#"fn__assert_wire<T:::cytomine::__private::Wire>(){}let_=__assert_wire::<Project>;"#,
        r#"pubstructProjectList(::cytomine::ListQuery<Project>);"#,
        r#"impl::cytomine::QueryforProjectListwherefor<'__wire>Project:"#,
    ];
    for needle in expected {
        assert!(out.contains(needle), "missing `{needle}` in\n{out}");
    }
    assert!(!out.contains("compile_error"), "{out}");
}

#[test]
fn emits_typed_builder_methods() {
    let out = expand(PROJECT);
    let expected = [
        r#"pubfnuser(self,id:i64)->Self{Self(self.0.filter("user",id))}"#,
        r#"pubfnwith_members_count(self,value:bool)->Self{Self(self.0.param("withMembersCount",value))}"#,
        r#"pubfnshow_wkt(self,value:bool)->Self{Self(self.0.param("showWKT",value))}"#,
        r#"pubfnusers(self,value:impl::core::iter::IntoIterator<Item=i64>)->Self{Self(self.0.param("users",::cytomine::QueryValue::list(value)))}"#,
        r#"pubfnbbox(self,value:impl::core::convert::Into<::std::string::String>)->Self"#,
        r#"pubfnsince(self,value:u64)->Self{Self(self.0.param("since",::std::string::ToString::to_string(&value)))}"#,
        r#"pubfnnames(self,value:impl::core::iter::IntoIterator<Item=impl::core::convert::Into<::std::string::String>"#,
    ];
    for needle in expected {
        assert!(out.contains(needle), "missing `{needle}` in\n{out}");
    }
    for doc in [
        "`user`:`GET/api/user/{}/project.json`",
        "`show_wkt`(`bool`):`?showWKT=...`",
    ] {
        assert!(out.contains(doc), "missing doc `{doc}` in\n{out}");
    }
}

#[test]
fn composite_keys_follow_the_item_placeholders() {
    let out = expand(
        r#"#[resource(path = "property", envelope = "property",
              create = "domain/{domain_class_name}/{domain_ident}/property.json",
              item = "domain/{domain_class_name}/{domain_ident}/property/{id}.json",
              filters(domain = "domain/{}/{}/property.json"), filter_required, refuse(update),
              crate = "::cytomine_core")]
           pub(crate) struct Property { #[serde(flatten)] extra: Extra, id: Option<i64>, domain_class_name: Option<String>, domain_ident: Option<i64>, key: String }"#,
    );
    let expected = [
        r#"impl::cytomine_core::ResourceforProperty"#,
        r#"constKEY_NAMES:&'static[&'staticstr]=&["domain_class_name","domain_ident","id"];"#,
        r#"typeKey=(String,i64,i64,);"#,
        r#""domain_class_name"=>::cytomine_core::__private::PathValue::path_value(&self.domain_class_name)"#,
        r#""domain_ident"=>::cytomine_core::__private::PathValue::path_value(&self.domain_ident)"#,
        r#"constFILTER_REQUIRED:bool=true;"#,
        r#"Operations{fetch:true,create:true,update:false,delete:true,list:true,}"#,
        r#"pub(crate)structPropertyList"#,
        r#"pub(crate)fndomain(self,part1:impl::std::string::ToString,part2:impl::std::string::ToString)->Self{Self(self.0.filter_parts("domain",::std::vec![part1.to_string(),part2.to_string()]))}"#,
    ];
    for needle in expected {
        assert!(out.contains(needle), "missing `{needle}` in\n{out}");
    }
    assert!(!out.contains("UpdateforProperty"), "{out}");
}

#[test]
fn defaults_follow_path_and_list() {
    let out = expand(
        r#"#[resource(path = "annotation_action", list = "actions.json", filters(imageinstance), refuse(fetch, create, update, delete))]
           struct AnnotationAction { #[serde(flatten)] extra: Extra, #[resource(id)] ident: Option<i64>, user: i64 }"#,
    );
    let expected = [
        r#"constENVELOPE_KEY:&'staticstr="annotationaction";"#,
        r#"constCLASS_NAME:::core::option::Option<&'staticstr>=::core::option::Option::None;"#,
        r#"constITEM_PATH:&'staticstr="annotation_action/{id}.json";"#,
        r#"path:"imageinstance/{}/actions.json""#,
        r#"fnid(&self)->::core::option::Option<i64>{self.ident}"#,
        r#"self.ident=id;"#,
        r#""id"=>::cytomine::__private::PathValue::path_value(&self.ident)"#,
        r#"structAnnotationActionList("#,
    ];
    for needle in expected {
        assert!(out.contains(needle), "missing `{needle}` in\n{out}");
    }
    for refused in ["Fetch", "Create", "Update", "Delete"] {
        assert!(
            !out.contains(&format!("::cytomine::{refused}forAnnotationAction")),
            "{out}"
        );
    }
}

#[test]
fn errors_come_with_dummies() {
    let out = expand(
        r#"#[resource(pth = "project", filters(user))] pub struct Project { #[serde(flatten)] extra: Extra, pub id: Option<i64> }"#,
    );
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains("impl::cytomine::ResourceforProject"), "{out}");
    assert!(out.contains("impl::cytomine::DeleteforProject{}"), "{out}");
    assert!(out.contains("pubstructProjectList"), "{out}");
}

#[test]
fn lookups_defaults_filter_queries_and_uploads() {
    let out = expand(
        r#"#[resource(path = "attachedfile", refuse(update, list),
              fetch_by(key = "domain/{domain_class_name}/{domain_ident}/key/{key}/attachedfile.json"),
              multipart(query(domain_ident, filename = "name")))]
           pub struct AttachedFile { #[serde(flatten)] extra: Extra, id: Option<i64>, domain_class_name: Option<String>,
                                     domain_ident: Option<i64>, key: Option<String>, filename: Option<String> }"#,
    );
    let expected = [
        r#"constLOOKUPS:&'static[::cytomine::Lookup]=&[::cytomine::Lookup{name:"key",path:"domain/{domain_class_name}/{domain_ident}/key/{key}/attachedfile.json"}];"#,
        r#"::core::option::Option::Some(::cytomine::Multipart{part:"files[]",query:&[("domainIdent","domain_ident"),("name","filename")]})"#,
        r#"Operations{fetch:true,create:true,update:false,delete:true,list:false,}"#,
        r#""filename"=>::cytomine::__private::PathValue::path_value(&self.filename)"#,
        r#"pubasyncfnfetch_by_key(cm:&::cytomine::Cytomine,domain_class_name:impl::core::convert::Into<::std::string::String>,domain_ident:i64,key:impl::core::convert::Into<::std::string::String>)->::cytomine::Result<Self>{::cytomine::__private::fetch_by::<Self>(cm,"key",::std::vec![("domain_class_name",::cytomine::__private::PathValue::path_value(&::core::convert::Into::<::std::string::String>::into(domain_class_name))),("domain_ident",::cytomine::__private::PathValue::path_value(&domain_ident))"#,
        r#"pubasyncfnupload(&mutself,cm:&::cytomine::Cytomine,file:impl::core::convert::AsRef<::std::path::Path>,)->::cytomine::Result<()>{::cytomine::__private::multipart_create(cm,self,::core::convert::AsRef::as_ref(&file)).await}"#,
    ];
    for needle in expected {
        assert!(out.contains(needle), "missing `{needle}` in\n{out}");
    }
    for absent in [
        "CreateforAttachedFile",
        "ListableforAttachedFile",
        "UpdateforAttachedFile",
    ] {
        assert!(!out.contains(absent), "{absent} in\n{out}");
    }
    assert!(
        out.contains("impl::cytomine::FetchforAttachedFilewhere"),
        "{out}"
    );
    // Its `save` and `update` exist only to say why they cannot be called.
    for refused in [
        "pubfnsave<__Client:?::core::marker::Sized>(&mutself,_cm:&__Client,)->::cytomine::__private::Refused<()>where__Client:::cytomine::__private::CreatedByUpload<Self>",
        "pubfnupdate<__Client:?::core::marker::Sized>(&mutself,_cm:&__Client,)->::cytomine::__private::Refused<()>where__Client:::cytomine::__private::RefusesUpdate<Self>",
    ] {
        assert!(out.contains(refused), "missing `{refused}` in\n{out}");
    }

    let out = expand(
        r#"#[resource(path = "position", filters(project_user(path = "project/{}/user/{}.json", query(project, "idUser"))),
              params(user: i64, show_details: bool default true, order: String default "ASC"))]
           pub struct Position { #[serde(flatten)] extra: Extra, id: Option<i64> }"#,
    );
    let expected = [
        r#"::cytomine::Filter{name:"project_user",path:"project/{}/user/{}.json",query:&["project","idUser"]}"#,
        r#"constDEFAULT_PARAMS:&'static[(&'staticstr,&'staticstr)]=&[("showDetails","true"),("order","ASC")];"#,
        r#"impl::cytomine::ListableforPositionwhere"#,
    ];
    for needle in expected {
        assert!(out.contains(needle), "missing `{needle}` in\n{out}");
    }
    assert!(!out.contains("fnupload"), "{out}");
}
