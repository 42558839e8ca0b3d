//! The public handle: start an emulator, manage its users, stop it.

use std::sync::atomic::Ordering;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::domains::RouteTable;
use crate::faults::Faults;
use crate::keys::{Role, UserKeys};
use crate::server::{now_ms, serve, Shared};
use crate::store::State;
use crate::tls::{TlsListener, TlsPem};

/// A running in-memory Cytomine server on 127.0.0.1; dropping it shuts the server down.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// let emulator = cytomine_emulator::Emulator::builder().demo(true).start().await?;
/// println!("{} with admin {:?}", emulator.base_url(), emulator.admin());
/// emulator.shutdown().await;
/// # Ok(()) }
/// ```
pub struct Emulator {
    shared: Arc<Shared>,
    port: u16,
    admin: UserKeys,
    demo: Option<crate::DemoData>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// How long an upload without `sync` waits before its import runs, by default: long enough that
/// code listing images right after such an upload sees none, as on a real server, short enough
/// that test suites stay fast.
pub(crate) const DEFAULT_IMPORT_DELAY: Duration = Duration::from_millis(50);

/// Options for [`Emulator`]: port, admin keys, demo data, fault control endpoint, signing rule,
/// wire profile, import delay, latency, HTTPS.
#[derive(Debug, Clone)]
pub struct EmulatorBuilder {
    port: u16,
    admin_keys: Option<(String, String)>,
    demo: bool,
    fault_control: bool,
    signature_forms: crate::SignatureForms,
    profile: crate::Profile,
    import_delay: Duration,
    latency: crate::Latency,
    tls: Option<TlsPem>,
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        EmulatorBuilder {
            port: 0,
            admin_keys: None,
            demo: false,
            fault_control: false,
            signature_forms: crate::SignatureForms::default(),
            profile: crate::Profile::default(),
            import_delay: DEFAULT_IMPORT_DELAY,
            latency: crate::Latency::default(),
            tls: None,
        }
    }
}

impl EmulatorBuilder {
    /// The port to bind (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }
    /// The admin's public and private keys (default: random UUIDs).
    pub fn admin_keys(mut self, public: impl Into<String>, private: impl Into<String>) -> Self {
        self.admin_keys = Some((public.into(), private.into()));
        self
    }
    /// Preload the demo data set: an ontology with two terms, a project with two members (the
    /// admin and `alice`), two images with six annotations each, and a description, a
    /// property, a tag, an image group and a track; [`Emulator::demo`] gives their ids.
    pub fn demo(mut self, enabled: bool) -> Self {
        self.demo = enabled;
        self
    }
    /// Serve the fault control endpoint `POST`/`DELETE`/`GET /__emulator/faults` for
    /// out-of-process clients (default off: the path is then a 404 like any unknown page).
    /// A rule is JSON such as `{"fault": "status", "status": 503, "method": "POST",
    /// "path": "annotation.json", "times": 2}`; see [`crate::FaultRule`].
    pub fn fault_control(mut self, enabled: bool) -> Self {
        self.fault_control = enabled;
        self
    }
    /// Which signing rule to accept (default [`SignatureForms::CurrentOnly`](crate::SignatureForms),
    /// the current server's): `LegacyOnly` behaves like the classic core, `Both` accepts either,
    /// so clients can test their signing rule against each server generation.
    ///
    /// ```
    /// # async fn demo() -> std::io::Result<()> {
    /// use cytomine_emulator::{Emulator, SignatureForms};
    /// let old_server = Emulator::builder().signature_forms(SignatureForms::LegacyOnly).start().await?;
    /// # Ok(()) }
    /// ```
    pub fn signature_forms(mut self, forms: crate::SignatureForms) -> Self {
        self.signature_forms = forms;
        self
    }
    /// The wire format of the ten migrated domains (default [`Profile::Classic`](crate::Profile)):
    /// `Repository` answers them as the 2026 repository service does (docs/protocol.md §2.7).
    ///
    /// ```
    /// # async fn demo() -> std::io::Result<()> {
    /// use cytomine_emulator::{Emulator, Profile};
    /// let new_server = Emulator::builder().profile(Profile::Repository).start().await?;
    /// assert_eq!(new_server.profile(), Profile::Repository);
    /// # Ok(()) }
    /// ```
    pub fn profile(mut self, profile: crate::Profile) -> Self {
        self.profile = profile;
        self
    }
    /// How long an upload without `sync` waits before its image is imported (default 50 ms).
    /// Until then the uploaded file is in status UPLOADED (0) and no image exists, as with the
    /// real image server, whose import runs in the background (docs/protocol.md §4.5).
    ///
    /// ```
    /// # async fn demo() -> std::io::Result<()> {
    /// use std::time::Duration;
    /// let slow = cytomine_emulator::Emulator::builder()
    ///     .import_delay(Duration::from_secs(2))
    ///     .start()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn import_delay(mut self, delay: Duration) -> Self {
        self.import_delay = delay;
        self
    }
    /// A fixed service time for every request (default zero), as a real server's database
    /// query and network hop take: requests wait concurrently, each on its own timer.
    ///
    /// ```
    /// # async fn demo() -> std::io::Result<()> {
    /// use std::time::Duration;
    /// use cytomine_emulator::Emulator;
    /// let lan = Emulator::builder().latency(Duration::from_millis(20)).start().await?;
    /// # Ok(()) }
    /// ```
    pub fn latency(mut self, per_request: std::time::Duration) -> Self {
        self.latency = self.latency.with_fixed(per_request);
        self
    }
    /// The whole latency model: a fixed time plus costs per item listed and per MB
    /// transferred ([`crate::Latency`]); replaces [`EmulatorBuilder::latency`].
    pub fn latency_model(mut self, latency: crate::Latency) -> Self {
        self.latency = latency;
        self
    }
    /// Serve HTTPS with this certificate chain (PEM: the server's certificate first, then any
    /// intermediates) and its private key (PEM: PKCS#8, PKCS#1 or SEC1); default plain HTTP.
    /// [`Emulator::base_url`] is then `https://127.0.0.1:PORT`, so the certificate must name
    /// the IP address `127.0.0.1`. For testing a client against a server whose certificate a
    /// private certificate authority issued, as hospitals and universities run; a chain or key
    /// that is not valid PEM fails [`start`](Self::start) with an
    /// [`std::io::ErrorKind::InvalidInput`] error naming which (never showing the key).
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emu = cytomine_emulator::Emulator::builder()
    ///     .tls(std::fs::read("server-chain.pem")?, std::fs::read("server-key.pem")?)
    ///     .start()
    ///     .await?;
    /// assert!(emu.base_url().starts_with("https://127.0.0.1:"));
    /// # Ok(()) }
    /// ```
    pub fn tls(mut self, cert_chain_pem: impl Into<Vec<u8>>, key_pem: impl Into<Vec<u8>>) -> Self {
        self.tls = Some(TlsPem {
            chain: cert_chain_pem.into(),
            key: key_pem.into(),
        });
        self
    }
    /// Bind 127.0.0.1:port and serve; returns once connections are accepted.
    ///
    /// It fails with an [`std::io::Error`] (the port is taken, the demo files cannot be
    /// stored). The client's `cytomine::Error` converts from it, so `?` works in a function
    /// that returns `cytomine::Result`:
    ///
    /// ```
    /// # async fn demo() -> std::io::Result<()> {
    /// let emu = cytomine_emulator::Emulator::builder().demo(true).start().await?;
    /// let demo = emu.demo().expect("demo data");
    /// println!("{}: project {}", emu.base_url(), demo.project);
    /// # Ok(()) }
    /// ```
    pub async fn start(self) -> std::io::Result<Emulator> {
        let tls = self.tls.as_ref().map(TlsPem::server_config).transpose()?;
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await?;
        let port = listener.local_addr()?.port();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let server_url = format!("{scheme}://127.0.0.1:{port}");
        let mut state = State::default();
        state.init_roles();
        let admin = state.add_user("admin", Role::Admin, self.admin_keys, now_ms());
        let demo = if self.demo {
            Some(crate::demo::load(&mut state, &admin)?)
        } else {
            None
        };
        let shared = Arc::new(Shared {
            state: RwLock::new(state),
            requests: Default::default(),
            server_url,
            routes: RouteTable::build_for(self.profile),
            faults: Faults::default(),
            fault_control: self.fault_control,
            signature_forms: self.signature_forms,
            import_delay: self.import_delay,
            latency: self.latency,
        });
        let app = axum::Router::new()
            .fallback(serve)
            .with_state(Arc::clone(&shared));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = match tls {
            Some(config) => spawn_server(TlsListener::new(listener, config)?, app, stopped),
            None => spawn_server(listener, app, stopped),
        };
        Ok(Emulator {
            shared,
            port,
            admin,
            demo,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

/// Serves `app` on `listener` until `stopped` fires.
fn spawn_server<L>(listener: L, app: axum::Router, stopped: oneshot::Receiver<()>) -> JoinHandle<()>
where
    L: axum::serve::Listener,
    L::Addr: std::fmt::Debug,
{
    tokio::spawn(async move {
        let graceful = axum::serve(listener, app).with_graceful_shutdown(async {
            let _ = stopped.await;
        });
        if let Err(e) = graceful.await {
            tracing::warn!(error = %e, "emulator server stopped with an error");
        }
    })
}

impl Emulator {
    /// A builder with defaults.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }
    /// Start with defaults (`builder().start()`).
    pub async fn start() -> std::io::Result<Emulator> {
        Emulator::builder().start().await
    }
    /// `http://127.0.0.1:PORT` (`https://` when started with [`EmulatorBuilder::tls`]), without
    /// a trailing slash.
    pub fn base_url(&self) -> String {
        self.shared.server_url.clone()
    }
    /// `127.0.0.1:PORT`.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
    /// The bound port.
    pub fn port(&self) -> u16 {
        self.port
    }
    /// The wire format served for the migrated domains.
    pub fn profile(&self) -> crate::Profile {
        self.shared.routes.profile()
    }
    /// The built-in admin user (ROLE_ADMIN).
    pub fn admin(&self) -> UserKeys {
        self.admin.clone()
    }
    /// The ids of the demo data set when started with
    /// [`demo(true)`](EmulatorBuilder::demo), `None` otherwise.
    pub fn demo(&self) -> Option<&crate::DemoData> {
        self.demo.as_ref()
    }
    /// Add a user directly in the store (no HTTP), with random keys and its own storage.
    pub fn add_user(&self, username: &str, role: Role) -> UserKeys {
        self.shared.write().add_user(username, role, None, now_ms())
    }
    /// Enable or disable a user (disabled users cannot authenticate).
    pub fn set_user_enabled(&self, user_id: i64, enabled: bool) {
        if let Some(user) = self.shared.write().users.get_mut(user_id) {
            user.enabled = enabled;
        }
    }
    /// The fault injection handle (off until a rule is injected).
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// use cytomine_emulator::{Emulator, Fault, FaultRule};
    /// let emulator = Emulator::start().await?;
    /// let faults = emulator.faults().clone();
    /// faults.inject(FaultRule::new(Fault::DropAfterProcessing).method("POST").path("project.json"));
    /// # Ok(()) }
    /// ```
    pub fn faults(&self) -> &Faults {
        &self.shared.faults
    }
    /// The service time added to every request.
    pub fn latency(&self) -> crate::Latency {
        self.shared.latency
    }
    /// Requests received so far, on all routes (the fault control endpoint excluded).
    pub fn request_count(&self) -> u64 {
        self.shared.requests.load(Ordering::Relaxed)
    }
    /// Stop serving and wait for the server task to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(std::time::Duration::from_secs(5), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("base_url", &self.shared.server_url)
            .field("admin", &self.admin)
            .field("profile", &self.profile())
            .finish()
    }
}
