//! Ontologies, their terms, and the parent/child relations between terms.

use crate::project::Project;

model! {
    /// An ontology: a named tree of terms that annotations are labelled with.
    ///
    /// `GET/PUT/DELETE ontology/{id}.json`, `POST ontology.json`, list `ontology.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::*;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut ontology = Ontology::new("Histology");
    /// ontology.save(&cm).await?;
    /// let light = Ontology::list().light(true).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "ontology",
        class = "be.cytomine.domain.ontology.Ontology",
        params(light: bool)
    )]
    pub struct Ontology {
        /// Ontology name.
        pub name: Option<String>,
        /// Id of the creator.
        pub user: Option<i64>,
        /// Display title (the name).
        pub title: Option<String>,
        /// Tree-widget attributes: `{"id": .., "type": ..}`.
        pub attr: Option<serde_json::Value>,
        /// Tree-widget data (the name).
        pub data: Option<String>,
        /// Always `true`: the ontology is the root of its term tree.
        pub is_folder: Option<bool>,
        /// Tree-widget key (the id).
        pub key: Option<i64>,
        /// Tree-widget flag.
        pub hide_checkbox: Option<bool>,
        /// Tree-widget state (`open`).
        pub state: Option<String>,
        /// The projects that use this ontology.
        pub projects: Option<Vec<Project>>,
        /// The term tree: nodes with `name`, `id`, `color`, `parent`, `children`...
        pub children: Option<Vec<serde_json::Value>>,
        /// The terms, as the repository format sends them.
        pub terms: Option<Vec<Term>>,
    }
}

impl Ontology {
    /// A new ontology with this name, as `Ontology(name)` in the Python client.
    ///
    /// ```
    /// let o = cytomine_models::Ontology::new("Histology");
    /// assert_eq!(o.name.as_deref(), Some("Histology"));
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Ontology {
            name: Some(name.into()),
            ..Default::default()
        }
    }
}

model! {
    /// A term of an ontology, with its display colour.
    ///
    /// `GET/PUT/DELETE term/{id}.json`, `POST term.json`. Lists: `term.json`,
    /// `project/{id}/term.json`, `ontology/{id}/term.json`, `annotation/{id}/term.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::*;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut term = Term::new("Tumour", 100, "#FF0000");
    /// term.save(&cm).await?;
    /// let terms = Term::list().ontology(100).fetch(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "term",
        class = "be.cytomine.domain.ontology.Term",
        filters(project, ontology, annotation)
    )]
    pub struct Term {
        /// Term name (unique in its ontology).
        pub name: Option<String>,
        /// Free comment.
        pub comment: Option<String>,
        /// Id of the ontology.
        #[serde(alias = "ontologyId")]
        pub ontology: Option<i64>,
        /// Display colour, e.g. `#AAAAAA`.
        pub color: Option<String>,
        /// Id of the parent term, if any.
        pub parent: Option<i64>,
    }
}

impl Term {
    /// A new term, as `Term(name, id_ontology, color)` in the Python client.
    ///
    /// ```
    /// let t = cytomine_models::Term::new("Tumour", 100, "#FF0000");
    /// assert_eq!((t.ontology, t.color.as_deref()), (Some(100), Some("#FF0000")));
    /// ```
    pub fn new(name: impl Into<String>, ontology_id: i64, color: impl Into<String>) -> Self {
        Term {
            name: Some(name.into()),
            ontology: Some(ontology_id),
            color: Some(color.into()),
            ..Default::default()
        }
    }

    /// Sets the parent term, as `Term(..., id_parent)`.
    ///
    /// ```
    /// let t = cytomine_models::Term::new("Child", 1, "#00FF00").with_parent(5);
    /// assert_eq!(t.parent, Some(5));
    /// ```
    pub fn with_parent(mut self, parent_id: i64) -> Self {
        self.parent = Some(parent_id);
        self
    }
}

model! {
    /// The "parent" relation between two terms: `term1` is the parent, `term2` the child.
    ///
    /// Created with `POST relation/parent/term.json`; fetched and deleted at
    /// `relation/parent/term1/{term1}/term2/{term2}.json`; never updated. Listed per term with
    /// `relation/term/{id}.json`.
    ///
    /// ```no_run
    /// # use cytomine_core as cytomine;
    /// use cytomine::prelude::*;
    /// use cytomine_models::*;
    /// # async fn demo(cm: Cytomine) -> cytomine::Result<()> {
    /// let mut link = RelationTerm::new(5, 6);
    /// link.save(&cm).await?;
    /// let same = RelationTerm::fetch(&cm, (5, 6)).await?;
    /// same.delete(&cm).await?;
    /// # Ok(()) }
    /// ```
    #[resource(
        path = "relationterm",
        class = "be.cytomine.domain.ontology.RelationTerm",
        create = "relation/parent/term.json",
        item = "relation/parent/term1/{term1}/term2/{term2}.json",
        filters(term = "relation/term/{}.json"),
        filter_required,
        refuse(update)
    )]
    pub struct RelationTerm {
        /// Id of the relation (the built-in "parent" relation by default).
        #[serde(alias = "relationId")]
        pub relation: Option<i64>,
        /// Id of the parent term.
        #[serde(alias = "term1Id")]
        pub term1: Option<i64>,
        /// Id of the child term.
        #[serde(alias = "term2Id")]
        pub term2: Option<i64>,
    }
}

impl RelationTerm {
    /// A new parent/child link, as `RelationTerm(id_term1, id_term2)` in the Python client.
    ///
    /// ```
    /// use cytomine_core::Resource;
    /// let r = cytomine_models::RelationTerm::new(5, 6);
    /// assert_eq!((r.term1, r.term2), (Some(5), Some(6)));
    /// assert!(!cytomine_models::RelationTerm::OPERATIONS.update);
    /// ```
    pub fn new(parent_term_id: i64, child_term_id: i64) -> Self {
        RelationTerm {
            term1: Some(parent_term_id),
            term2: Some(child_term_id),
            ..Default::default()
        }
    }
}
