//! Hard deletes with their cascades and counter upkeep, shared by several domains.

use super::owner::{self, IMAGE_INSTANCE, PROJECT, REVIEWED_ANNOTATION, USER_ANNOTATION};
use crate::store::State;

/// Delete an annotation, its term links, reviewed copy, tracks, group links and attached data,
/// and decrement the counters.
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
    for r in st.reviewed_annotations.remove_where(|r| r.parent == id) {
        owner::forget(st, REVIEWED_ANNOTATION, r);
    }
    st.annotation_tracks.remove_where(|t| t.annotation == id);
    st.annotation_links.remove_where(|l| l.annotation == id);
    owner::forget(st, USER_ANNOTATION, id);
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

/// Delete a track and the annotations' places on it.
pub fn delete_track(st: &mut State, id: i64) {
    st.annotation_tracks.remove_where(|t| t.track == id);
    st.tracks.remove(id);
}

/// Delete an image instance with its slices, annotations (user and reviewed), tracks, review
/// state, group memberships, social data and attached data.
pub fn delete_image_instance(st: &mut State, id: i64) {
    // Newest first: each removal then drops the last id of the index's lists.
    for a in st
        .annotations
        .ids_where(|a| a.image == id)
        .into_iter()
        .rev()
    {
        delete_annotation(st, a);
    }
    for r in st.reviewed_annotations.remove_where(|r| r.base.image == id) {
        owner::forget(st, REVIEWED_ANNOTATION, r);
    }
    for t in st.tracks.ids_where(|t| t.image == id) {
        delete_track(st, t);
    }
    st.slice_instances.remove_where(|s| s.image == id);
    st.image_reviews.remove(&id);
    st.image_group_images.remove_where(|g| g.image == id);
    st.annotation_links.remove_where(|l| l.image == id);
    st.positions.remove_where(|p| p.image == id);
    st.annotation_actions.remove_where(|a| a.image == id);
    st.image_consultations.remove_where(|c| c.image == id);
    owner::forget(st, IMAGE_INSTANCE, id);
    if let Some(i) = st.image_instances.remove(id) {
        if let Some(p) = st.projects.get_mut(i.project) {
            p.number_of_images -= 1;
        }
    }
}

/// Delete an image group with its memberships and annotation groups.
pub fn delete_image_group(st: &mut State, id: i64) {
    st.image_group_images.remove_where(|g| g.group == id);
    for g in st.annotation_groups.ids_where(|g| g.image_group == id) {
        delete_annotation_group(st, g);
    }
    st.image_groups.remove(id);
}

/// Delete an annotation group and its links.
pub fn delete_annotation_group(st: &mut State, id: i64) {
    st.annotation_links.remove_where(|l| l.group == id);
    st.annotation_groups.remove(id);
}

/// Delete everything that belongs to a project (the project record itself excepted).
pub fn delete_project_content(st: &mut State, id: i64) {
    for image in st.image_instances.ids_where(|i| i.project == id) {
        delete_image_instance(st, image);
    }
    for g in st.image_groups.ids_where(|g| g.project == id) {
        delete_image_group(st, g);
    }
    for g in st.annotation_groups.ids_where(|g| g.project == id) {
        delete_annotation_group(st, g);
    }
    st.project_connections.remove_where(|c| c.project == id);
    owner::forget(st, PROJECT, id);
}

/// Delete a term with its annotation links and relations; its children lose their parent.
pub fn delete_term(st: &mut State, id: i64) {
    for at in st.annotation_terms.ids_where(|at| at.term == id) {
        delete_annotation_term(st, at);
    }
    for child in st.terms.ids_where(|t| t.parent == Some(id)) {
        if let Some(t) = st.terms.get_mut(child) {
            t.parent = None;
        }
    }
    st.relation_terms
        .remove_where(|r| r.term1 == id || r.term2 == id);
    st.terms.remove(id);
}
