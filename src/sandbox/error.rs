//! API errors, answered as Kubernetes `Status` objects.

use serde_json::{Value, json};

use super::resources::RESOURCES;

#[derive(Debug, Clone)]
pub struct ApiError {
    pub code: u16,
    pub reason: &'static str,
    pub message: String,
    pub details: Value,
}

impl ApiError {
    pub fn new(code: u16, reason: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            reason,
            message: message.into(),
            details: Value::Null,
        }
    }

    fn with_details(mut self, resource: usize, name: &str) -> Self {
        let kind = &RESOURCES[resource];
        self.details = json!({"name": name, "group": kind.group, "kind": kind.plural});
        self
    }

    pub fn not_found(resource: usize, name: &str) -> Self {
        let message = format!(
            "{} \"{name}\" not found",
            RESOURCES[resource].group_resource()
        );
        Self::new(404, "NotFound", message).with_details(resource, name)
    }

    pub fn already_exists(resource: usize, name: &str) -> Self {
        let message = format!(
            "{} \"{name}\" already exists",
            RESOURCES[resource].group_resource()
        );
        Self::new(409, "AlreadyExists", message).with_details(resource, name)
    }

    pub fn stale(resource: usize, name: &str) -> Self {
        let message = format!(
            "Operation cannot be fulfilled on {} \"{name}\": the object has been modified; \
             please apply your changes to the latest version and try again",
            RESOURCES[resource].group_resource()
        );
        Self::new(409, "Conflict", message).with_details(resource, name)
    }

    pub fn invalid(resource: usize, name: &str, problem: &str) -> Self {
        let kind = &RESOURCES[resource];
        let message = format!("{} \"{name}\" is invalid: {problem}", kind.kind);
        let mut error = Self::new(422, "Invalid", message).with_details(resource, name);
        error.details["kind"] = json!(kind.kind);
        error.details["causes"] = json!([{"reason": "FieldValueInvalid", "message": problem}]);
        error
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, "BadRequest", message)
    }

    pub fn status(&self) -> Value {
        let mut status = json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.code,
        });
        if !self.details.is_null() {
            status["details"] = self.details.clone();
        }
        status
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
