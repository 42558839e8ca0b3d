//! Hard deletes with their cascades and counter upkeep, shared by several domains.

use crate::store::State;

/// Delete an annotation, its term links, and decrement the counters.
pub fn delete_annotation(st: &mut State, id: i64) {
    let Some(a) = st.annotations.remove(id) else {
        return;
    };
    for at in st.terms_of_annotation.remove(&id).unwrap_or_default() {
        st.annotation_terms.remove(at);
    }
    if let Some(i) = st.image_instances.get_mut(a.image) {
        i.number_of_annotations -= 1;
    }
    if let Some(p) = st.projects.get_mut(a.project) {
        p.number_of_annotations -= 1;
    }
}

/// Delete an annotation-term link and its index entry.
pub fn delete_annotation_term(st: &mut State, id: i64) {
    let Some(at) = st.annotation_terms.remove(id) else {
        return;
    };
    if let Some(list) = st.terms_of_annotation.get_mut(&at.annotation) {
        list.retain(|x| *x != id);
    }
}

/// Delete an image instance with its slices and annotations.
pub fn delete_image_instance(st: &mut State, id: i64) {
    for a in st.annotations.ids_where(|a| a.image == id) {
        delete_annotation(st, a);
    }
    for s in st.slice_instances.ids_where(|s| s.image == id) {
        st.slice_instances.remove(s);
    }
    if let Some(i) = st.image_instances.remove(id) {
        if let Some(p) = st.projects.get_mut(i.project) {
            p.number_of_images -= 1;
        }
    }
}

/// Delete a term and its annotation links; its children lose their parent.
pub fn delete_term(st: &mut State, id: i64) {
    for at in st.annotation_terms.ids_where(|at| at.term == id) {
        delete_annotation_term(st, at);
    }
    for child in st.terms.ids_where(|t| t.parent == Some(id)) {
        if let Some(t) = st.terms.get_mut(child) {
            t.parent = None;
        }
    }
    st.terms.remove(id);
}
