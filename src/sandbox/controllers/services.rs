//! The network side of the simulation: load balancer hostnames, Ingress addresses and Endpoints.

use serde_json::{Value, json};

use super::super::resources::index_of;
use super::super::selectors::Selector;
use super::super::store::Key;
use super::{Pass, owner_reference, text};

impl Pass<'_> {
    /// LoadBalancer Services and Ingresses get a hostname, as a cloud controller would give.
    pub(super) fn load_balancers(&mut self) {
        for kind in ["Service", "Ingress"] {
            for (key, object) in self.objects(kind) {
                if kind == "Service" && text(&object, "/spec/type") != "LoadBalancer" {
                    continue;
                }
                let hostname = format!("{}-{}.elb.sandbox.localhost", key.name, key.namespace);
                let mut updated = object.clone();
                updated["status"]["loadBalancer"] = json!({"ingress": [{"hostname": hostname}]});
                self.put_if_changed(key, &object, updated);
            }
        }
        self.endpoints();
    }

    /// Services with a selector list their ready pods as Endpoints.
    fn endpoints(&mut self) {
        for (key, service) in self.objects("Service") {
            let Some(selector) = service
                .pointer("/spec/selector")
                .filter(|s| s.as_object().is_some_and(|m| !m.is_empty()))
            else {
                continue;
            };
            let selector = Selector::from_label_selector(&json!({"matchLabels": selector}));
            let addresses: Vec<Value> = self
                .store
                .list(index_of("Pod"), Some(&key.namespace))
                .filter(|(_, pod)| selector.matches_labels(pod) && text(pod, "/status/phase") == "Running")
                .filter(|(_, pod)| pod.pointer("/status/containerStatuses/0/ready") == Some(&json!(true)))
                .map(|(pod_key, pod)| json!({"ip": text(pod, "/status/podIP"), "targetRef": {"kind": "Pod", "name": pod_key.name, "namespace": pod_key.namespace}}))
                .collect();
            let ports: Vec<Value> = service
                .pointer("/spec/ports")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|p| json!({"name": p.get("name").cloned().unwrap_or(json!("")), "port": p.get("targetPort").filter(|t| t.is_number()).unwrap_or(&p["port"]), "protocol": p.get("protocol").cloned().unwrap_or(json!("TCP"))}))
                .collect();
            let subsets = if addresses.is_empty() {
                json!([])
            } else {
                json!([{"addresses": addresses, "ports": ports}])
            };
            let endpoints_key = Key::new(index_of("Endpoints"), &key.namespace, &key.name);
            match self.store.get(&endpoints_key).cloned() {
                Some(existing) => {
                    let mut updated = existing.clone();
                    updated["subsets"] = subsets;
                    self.put_if_changed(endpoints_key, &existing, updated);
                }
                None => self.create(json!({
                    "apiVersion": "v1", "kind": "Endpoints",
                    "metadata": {"name": key.name, "namespace": key.namespace, "ownerReferences": [owner_reference(&service)]},
                    "subsets": subsets,
                })),
            }
        }
    }
}
