//! The quickstart's tour of the user guide: each section prints its heading, then what it did,
//! as a person reads it. `examples/quickstart.rs` prints it; `tests/user_guide.rs` reads it.

use std::fmt::Display;

use cytomine::prelude::*;

/// What the tour printed, kept so that a test can read it; echoed to stdout when asked.
pub struct Printer {
    /// Everything printed so far.
    pub text: String,
    echo: bool,
}

impl Printer {
    /// A printer that echoes every line to stdout (`echo`) or only keeps it.
    pub fn new(echo: bool) -> Self {
        Printer {
            text: String::new(),
            echo,
        }
    }

    /// A section heading: `== 4. Fetch ... ==`.
    pub fn section(&mut self, n: u32, title: &str) {
        self.line(format_args!("\n== {n}. {title} =="));
    }

    /// One line of output.
    pub fn line(&mut self, line: impl Display) {
        let line = line.to_string();
        if self.echo {
            println!("{line}");
        }
        self.text.push_str(&line);
        self.text.push('\n');
    }
}

/// An optional value as a person reads it: the value, or `-`.
fn shown<T: Display>(value: &Option<T>) -> String {
    value.as_ref().map_or_else(|| "-".into(), T::to_string)
}

/// Runs the tour on `cm`; `origin` says where the credentials came from.
pub async fn run(cm: &Cytomine, origin: &str, out: &mut Printer) -> cytomine::Result<()> {
    out.section(1, "Authentication");
    let me = cm.current_user();
    out.line(format_args!(
        "connected to {} as {} (id {})",
        cm.base_url(),
        me.username,
        shown(&me.id)
    ));

    out.section(
        2,
        "Credentials from --host/--public_key/--private_key or CYTOMINE_*",
    );
    out.line(format_args!("credentials: {origin}"));

    let Some(fetched) = super::fetch_project_and_image(cm).await? else {
        out.section(3, "Models: plain structs with public fields");
        out.line("the server has no project for this user: nothing more to show");
        return Ok(());
    };
    let project = &fetched.project;
    out.section(3, "Models: plain structs with public fields");
    out.line(format_args!(
        "project {}: {}, {} images",
        shown(&project.id),
        shown(&project.name),
        shown(&project.number_of_images)
    ));
    out.line(format_args!(
        "ontology {}, blind mode {}",
        shown(&project.ontology),
        shown(&project.blind_mode)
    ));

    out.section(4, "Fetch a project and an image instance");
    out.line(format_args!("fetched project {} by id", shown(&project.id)));
    match &fetched.image {
        Some(image) => out.line(format_args!(
            "its first image {}: {}, {} x {} pixels",
            shown(&image.id),
            shown(&image.instance_filename),
            shown(&image.shape.width),
            shown(&image.shape.height)
        )),
        None => out.line("it has no image"),
    }

    let name = format!("My awesome new project {}", std::process::id());
    let life = super::add_update_delete(cm, &name).await?;
    out.section(5, "Add");
    out.line(format_args!("created project {}: {name}", life.created_id));
    out.section(6, "Update");
    out.line(format_args!("renamed to: {}", shown(&life.renamed_to)));
    out.line(format_args!(
        "ontology set to: {}",
        shown(&life.ontology_after_update_with)
    ));
    out.section(7, "Delete");
    out.line(format_args!(
        "fetching the deleted project gives: {}",
        life.fetch_after_delete
    ));

    out.section(8, "Embedded resources: download and thumbnail");
    let Some(image) = &fetched.image else {
        out.line("the project has no image: stopping here");
        return Ok(());
    };
    let dir = std::env::temp_dir().join(format!("cytomine-quickstart-{}", std::process::id()));
    let files = super::download_and_thumbnail(cm, image, &dir, 256).await?;
    out.line(format_args!(
        "downloaded {} bytes to {}",
        files.original_bytes,
        files.original.display()
    ));
    out.line(format_args!(
        "thumbnail of at most 256 pixels in {}",
        files.thumbnail.display()
    ));
    let _ = tokio::fs::remove_dir_all(&dir).await;

    let lists = super::listings(cm, project).await?;
    out.section(9, "Collections behave like lists");
    out.line(format_args!("{} project(s):", lists.projects.len()));
    for p in &lists.projects {
        out.line(format_args!("  - {}", shown(&p.name)));
    }

    out.section(10, "Filtering");
    let filters: Vec<&str> = Project::FILTERS.iter().map(|f| f.name).collect();
    out.line(format_args!(
        "project lists may be filtered by: {}",
        filters.join(", ")
    ));
    if let Some(same) = &lists.same_ontology {
        out.line(format_args!(
            "{} project(s) use the ontology {}",
            same.len(),
            shown(&project.ontology)
        ));
    }
    out.line(format_args!(
        "{} user(s) online, {} member(s) of the project",
        lists.online_users.len(),
        lists.members.len()
    ));

    out.section(11, "Query modifiers");
    let first = lists.found.first();
    out.line(format_args!(
        "with show_wkt and show_term, the first annotation is {} with terms {}",
        shown(&first.and_then(|a| a.location.clone())),
        shown(
            &first
                .and_then(|a| a.term.as_ref())
                .map(|t| format!("{t:?}"))
        )
    ));

    out.section(12, "Annotation search");
    out.line(format_args!(
        "{} annotation(s) by members with term {}",
        lists.found.len(),
        shown(&lists.search_term)
    ));
    out.line(format_args!(
        "streamed {} annotation(s) page by page",
        lists.streamed.len()
    ));

    out.section(13, "Many adds in one request, chunked");
    let (batch, report) = super::bulk_add(cm, image.id.unwrap_or_default(), 50).await?;
    out.line(format_args!(
        "{} created, {} failed, {} unknown; first new id {}",
        report.created().count(),
        report.failed().count(),
        report.unknown().count(),
        shown(&batch[0].id)
    ));

    out.section(14, "Verbose mode");
    out.line(
        "run with --log_level INFO (one line per request) or DEBUG (bodies); keys are never logged",
    );
    Ok(())
}
