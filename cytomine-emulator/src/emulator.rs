//! The public handle: start an emulator, manage its users, stop it.

use std::sync::atomic::Ordering;
use std::sync::{Arc, RwLock};

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::domains::RouteTable;
use crate::faults::Faults;
use crate::keys::{Role, UserKeys};
use crate::server::{now_ms, serve, Shared};
use crate::store::State;

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
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// Options for [`Emulator`]: port, admin keys, demo data, fault control endpoint.
#[derive(Debug, Default, Clone)]
pub struct EmulatorBuilder {
    port: u16,
    admin_keys: Option<(String, String)>,
    demo: bool,
    fault_control: bool,
    signature_forms: crate::SignatureForms,
    profile: crate::Profile,
    latency: crate::Latency,
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
    /// Preload the demo data set.
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
    /// Which signature forms to accept (default both): `CurrentOnly` behaves like a 2026
    /// server, `LegacyOnly` like an older one, so clients can test their signing rule.
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
    /// Bind 127.0.0.1:port and serve; returns once connections are accepted.
    pub async fn start(self) -> std::io::Result<Emulator> {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await?;
        let port = listener.local_addr()?.port();
        let server_url = format!("http://127.0.0.1:{port}");
        let mut state = State::default();
        state.init_roles();
        let admin = state.add_user("admin", Role::Admin, self.admin_keys, now_ms());
        if self.demo {
            crate::demo::load(&mut state, &admin)?;
        }
        let shared = Arc::new(Shared {
            state: RwLock::new(state),
            requests: Default::default(),
            server_url,
            routes: RouteTable::build_for(self.profile),
            faults: Faults::default(),
            fault_control: self.fault_control,
            signature_forms: self.signature_forms,
            latency: self.latency,
        });
        let app = axum::Router::new()
            .fallback(serve)
            .with_state(Arc::clone(&shared));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let graceful = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(e) = graceful.await {
                tracing::warn!(error = %e, "emulator server stopped with an error");
            }
        });
        Ok(Emulator {
            shared,
            port,
            admin,
            stop: Some(stop),
            task: Some(task),
        })
    }
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
    /// `http://127.0.0.1:PORT`, without a trailing slash.
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
