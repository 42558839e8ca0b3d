//! Hard deletes with their cascades and counter upkeep, shared by several domains.

use super::owner::{self, IMAGE_INSTANCE, PROJECT, REVIEWED_ANNOTATION, USER_ANNOTATION};
use crate::store::State;

/// Delete an annotation, its term links, reviewed copy, tracks, group links and attached data,
/// and decrement the counters.
pub(crate) fn delete_annotation(state: &mut State, id: i64) {
    let Some(a) = state.annotations.remove(id) else {
        return;
    };
    for at in state.terms_of_annotation.remove(&id).unwrap_or_default() {
        state.annotation_terms.remove(at);
    }
    if let Some(i) = state.image_instances.get_mut(a.image) {
        i.number_of_annotations -= 1;
    }
    if let Some(p) = state.projects.get_mut(a.project) {
        p.number_of_annotations -= 1;
    }
    for r in state.reviewed_annotations.remove_where(|r| r.parent == id) {
        owner::forget(state, REVIEWED_ANNOTATION, r);
    }
    state.annotation_tracks.remove_where(|t| t.annotation == id);
    state.annotation_links.remove_where(|l| l.annotation == id);
    owner::forget(state, USER_ANNOTATION, id);
}

/// Delete an annotation-term link and its index entry.
pub(crate) fn delete_annotation_term(state: &mut State, id: i64) {
    let Some(at) = state.annotation_terms.remove(id) else {
        return;
    };
    if let Some(list) = state.terms_of_annotation.get_mut(&at.annotation) {
        list.retain(|x| *x != id);
    }
}

/// Delete a track and the annotations' places on it.
pub(crate) fn delete_track(state: &mut State, id: i64) {
    state.annotation_tracks.remove_where(|t| t.track == id);
    state.tracks.remove(id);
}

/// Delete an image instance with its slices, annotations (user and reviewed), tracks, review
/// state, group memberships, social data and attached data.
pub(crate) fn delete_image_instance(state: &mut State, id: i64) {
    // Newest first: each removal then drops the last id of the index's lists.
    for a in state
        .annotations
        .ids_where(|a| a.image == id)
        .into_iter()
        .rev()
    {
        delete_annotation(state, a);
    }
    for r in state
        .reviewed_annotations
        .remove_where(|r| r.base.image == id)
    {
        owner::forget(state, REVIEWED_ANNOTATION, r);
    }
    for t in state.tracks.ids_where(|t| t.image == id) {
        delete_track(state, t);
    }
    state.slice_instances.remove_where(|s| s.image == id);
    state.image_reviews.remove(&id);
    state.image_group_images.remove_where(|g| g.image == id);
    state.annotation_links.remove_where(|l| l.image == id);
    state.positions.remove_where(|p| p.image == id);
    state.annotation_actions.remove_where(|a| a.image == id);
    state.image_consultations.remove_where(|c| c.image == id);
    owner::forget(state, IMAGE_INSTANCE, id);
    if let Some(i) = state.image_instances.remove(id) {
        if let Some(p) = state.projects.get_mut(i.project) {
            p.number_of_images -= 1;
        }
    }
}

/// Delete an image group with its memberships and annotation groups.
pub(crate) fn delete_image_group(state: &mut State, id: i64) {
    state.image_group_images.remove_where(|g| g.group == id);
    for g in state.annotation_groups.ids_where(|g| g.image_group == id) {
        delete_annotation_group(state, g);
    }
    state.image_groups.remove(id);
}

/// Delete an annotation group and its links.
pub(crate) fn delete_annotation_group(state: &mut State, id: i64) {
    state.annotation_links.remove_where(|l| l.group == id);
    state.annotation_groups.remove(id);
}

/// Delete everything that belongs to a project (the project record itself excepted).
pub(crate) fn delete_project_content(state: &mut State, id: i64) {
    for image in state.image_instances.ids_where(|i| i.project == id) {
        delete_image_instance(state, image);
    }
    for g in state.image_groups.ids_where(|g| g.project == id) {
        delete_image_group(state, g);
    }
    for g in state.annotation_groups.ids_where(|g| g.project == id) {
        delete_annotation_group(state, g);
    }
    state.project_connections.remove_where(|c| c.project == id);
    owner::forget(state, PROJECT, id);
}

/// Delete a term with its annotation links and relations; its children lose their parent.
pub(crate) fn delete_term(state: &mut State, id: i64) {
    for at in state.annotation_terms.ids_where(|at| at.term == id) {
        delete_annotation_term(state, at);
    }
    for child in state.terms.ids_where(|t| t.parent == Some(id)) {
        if let Some(t) = state.terms.get_mut(child) {
            t.parent = None;
        }
    }
    state
        .relation_terms
        .remove_where(|r| r.term1 == id || r.term2 == id);
    state.terms.remove(id);
}
