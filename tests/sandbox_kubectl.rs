//! The real kubectl against the stand-in: server-side apply, get, delete.

mod support_sandbox;

use support_sandbox::{Sandbox, fast_options, success};

const MANIFEST: &str = r#"
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: production
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80
"#;

#[test]
fn kubectl_server_side_apply_get_and_delete() {
    let sandbox = Sandbox::start(fast_options());
    let manifest = sandbox.home.path().join("app.yaml");
    std::fs::write(&manifest, MANIFEST).unwrap();
    let path = manifest.to_str().unwrap();

    let out = success(
        sandbox.kubectl(&["apply", "--server-side", "-f", path]),
        "first apply",
    );
    assert!(
        out.contains("deployment.apps/web serverside-applied"),
        "{out}"
    );
    println!("{out}");
}
#[test]
fn print_kubeconfig() {
    let sandbox = Sandbox::start(fast_options());
    println!("{}", std::fs::read_to_string(&sandbox.kubeconfig).unwrap());
}
