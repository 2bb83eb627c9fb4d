//! The whole platform for end-to-end tests: moto behind the recording proxy, the
//! Kubernetes API stand-in as the EKS clusters' API (the proxy points DescribeCluster's
//! endpoint at it) and as the kubeconfig context `sandbox`, a workspace, and the real
//! `sleak` binary pointed at them. Used by the tests of dependencies (with
//! `mod common;` and the stand-in's support module declared by the test file).

use std::process::Command;

use crate::common::proxy::AwsProxy;
use crate::common::{MotoGuard, Run, TestContext};
use crate::support_sandbox::{Sandbox, fast_options};

pub struct Platform {
    pub context: TestContext,
    pub moto: MotoGuard,
    pub proxy: AwsProxy,
    pub sandbox: Sandbox,
}

impl Platform {
    /// moto and the proxy emptied, the stand-in as the EKS cluster's API, and the
    /// workspace `text` written as sleak.toml.
    pub fn new(text: &str) -> Self {
        let (context, moto) = TestContext::with_moto();
        let proxy = AwsProxy::start(moto.url());
        proxy.reset_moto();
        proxy.reset();
        let mut options = fast_options();
        options.accept_eks_tokens = true;
        let sandbox = Sandbox::start(options);
        proxy.set_eks_endpoint(&sandbox.url, &sandbox.ca_pem());
        context.write("sleak.toml", text);
        Self {
            context,
            moto,
            proxy,
            sandbox,
        }
    }

    /// `sleak args…` against the proxy and the stand-in, not started.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = self.context.sleak();
        command
            .env("AWS_ENDPOINT_URL", &self.proxy.url)
            .env("KUBECONFIG", &self.sandbox.kubeconfig)
            .env(
                "SLEAK_HELM",
                crate::support_sandbox::peers_bin().join("helm"),
            )
            .args(args);
        command
    }

    pub fn sleak(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("sleak runs"))
    }

    /// `sleak args…`, which must succeed.
    #[track_caller]
    pub fn must(&self, args: &[&str]) -> Run {
        let run = self.sleak(args);
        assert_eq!(
            run.code, 0,
            "sleak {args:?} failed:\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        run
    }
}
