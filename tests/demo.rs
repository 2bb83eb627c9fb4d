//! `sleak demo` through the real binary, as a new user runs it: no AWS account, sleak on
//! PATH, the sandbox started by the demo itself. What its table says is read back with
//! only `eval "$(sleak sandbox env)"` and the tools a user has: the aws CLI through the
//! sandbox's endpoint, kubectl and helm.

mod common;
#[path = "support_sandbox/mod.rs"]
mod support_sandbox;
#[path = "support_shell/mod.rs"]
mod support_shell;

use serde_json::Value;
use support_shell::Shell;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("not JSON ({error}):\n{text}"))
}

/// Rows of the demo's table of one kind (`vpc`, `database`, …).
fn rows<'a>(demo: &'a Value, what: &str) -> Vec<&'a Value> {
    demo["resources"]
        .as_array()
        .expect("the demo's resources")
        .iter()
        .filter(|row| row["what"] == what)
        .collect()
}

#[test]
fn the_demo_builds_everything_its_table_says_and_a_second_run_changes_nothing() {
    let Some(shell) = Shell::new() else {
        return;
    };
    let first = shell.run("sleak demo --output json");
    let stdout = String::from_utf8_lossy(&first.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&first.stderr).into_owned();
    assert!(
        first.status.success(),
        "sleak demo failed:\n{stdout}\n{stderr}"
    );
    let demo = json(&stdout);
    assert_eq!(demo["changed"], true);
    // The steps are shown as the commands a user would type, with their own progress.
    for step in [
        "sleak onboard --yes",
        "sleak apply --yes",
        "sleak deploy -p api -e staging",
    ] {
        assert!(stderr.contains(step), "no step `{step}` in:\n{stderr}");
    }
    assert!(
        stderr.contains("eval \"$(sleak sandbox env)\""),
        "no next commands:\n{stderr}"
    );

    // AWS, through the sandbox's endpoint and the account profiles `env` sets up.
    let env = "eval \"$(sleak sandbox env)\"";
    let accounts = rows(&demo, "account");
    assert_eq!(accounts.len(), 3, "{demo:#}");
    for vpc in rows(&demo, "vpc") {
        let account = vpc["name"].as_str().unwrap();
        let found = shell.must(&format!(
            "{env}; aws ec2 describe-vpcs --profile {account} --query 'Vpcs[].VpcId' --output text"
        ));
        assert!(
            found.split_whitespace().any(|id| id == vpc["id"]),
            "{account}'s VPC {} is not in {found}",
            vpc["id"]
        );
    }
    let database = rows(&demo, "database");
    assert_eq!(database.len(), 1, "{demo:#}");
    // aws CLI v1 sends RDS calls in us-east-1 to rds.amazonaws.com whatever
    // AWS_ENDPOINT_URL says (awscli/customizations/overridesslcommonname.py): name it.
    let instances = shell.must(&format!(
        "{env}; aws rds describe-db-instances --profile development --endpoint-url \"$AWS_ENDPOINT_URL\" \
         --query 'DBInstances[].[DBInstanceIdentifier,Engine]' --output text"
    ));
    assert!(
        instances.contains("api-staging-db") && instances.contains("postgres"),
        "{instances}"
    );
    let buckets = shell.must(&format!(
        "{env}; aws s3api list-buckets --profile development --query 'Buckets[].Name' --output text"
    ));
    assert!(
        buckets.contains(rows(&demo, "bucket")[0]["id"].as_str().unwrap()),
        "{buckets}"
    );

    // The cluster, through kubectl and helm.
    let all = json(&shell.must(&format!("{env}; kubectl get all -A -o json")));
    let names: Vec<String> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            format!(
                "{}/{}",
                item["kind"].as_str().unwrap(),
                item["metadata"]["name"].as_str().unwrap()
            )
        })
        .collect();
    for service in rows(&demo, "service (web)")
        .into_iter()
        .chain(rows(&demo, "service (worker)"))
    {
        let name = service["name"].as_str().unwrap();
        assert!(
            names.contains(&format!("Deployment/{name}")),
            "no Deployment {name} in {names:?}"
        );
        let ready = service["state"].as_str().unwrap();
        let deployment = all["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["kind"] == "Deployment" && item["metadata"]["name"] == name)
            .unwrap();
        let live = format!(
            "ready {}/{}",
            deployment["status"]["readyReplicas"].as_i64().unwrap_or(0),
            deployment["spec"]["replicas"].as_i64().unwrap()
        );
        assert_eq!(ready, live, "the table's readiness of {name} is kubectl's");
    }
    assert!(
        names.contains(&"CronJob/nightly-report".to_owned()),
        "{names:?}"
    );
    let releases = json(&shell.must(&format!("{env}; helm list -A -o json")));
    assert_eq!(releases[0]["name"], "api", "{releases:#}");
    assert_eq!(releases[0]["namespace"], "api-staging");
    assert_eq!(releases[0]["status"], "deployed");
    assert_eq!(releases[0]["revision"], "1");
    let secrets = shell.must(&format!(
        "{env}; kubectl get secrets -n api-staging -o name"
    ));
    for dependency in ["db", "files", "cache", "jobs"] {
        assert!(
            secrets.contains(&format!("secret/dependency-{dependency}")),
            "{secrets}"
        );
    }

    // The secret variable's value is in Secrets Manager, and nowhere else the demo wrote.
    let value = shell.must(&format!(
        "{env}; aws secretsmanager get-secret-value --profile development \
         --secret-id sleak/acme/api/staging/service/web/variables --query SecretString --output text"
    ));
    let value = json(value.trim())["SESSION_SECRET"]
        .as_str()
        .expect("the secret's value")
        .to_owned();
    assert!(value.len() >= 16, "{value}");
    assert!(
        !stdout.contains(&value) && !stderr.contains(&value),
        "the secret leaked into the demo's output"
    );
    for (path, text) in common::files_under(shell.work(), &[]) {
        assert!(
            !text.contains(&value),
            "the secret leaked into {}",
            path.display()
        );
    }

    // Again: nothing changes, and it says so.
    let second = shell.run("sleak demo --output json");
    let second_err = String::from_utf8_lossy(&second.stderr).into_owned();
    assert!(second.status.success(), "{second_err}");
    let again = json(&String::from_utf8_lossy(&second.stdout));
    assert_eq!(again["changed"], false, "{second_err}");
    assert!(second_err.contains("Nothing changed"), "{second_err}");
    assert!(
        !second_err.contains("sleak onboard"),
        "a second run onboarded again:\n{second_err}"
    );
    let history = json(&shell.must(&format!("{env}; helm history api -n api-staging -o json")));
    assert_eq!(
        history.as_array().unwrap().len(),
        1,
        "a second run deployed again: {history:#}"
    );
}

#[test]
fn the_demo_never_writes_into_a_folder_it_did_not_make() {
    let Some(shell) = Shell::new() else {
        return;
    };
    let folder = shell.work().join("mine");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("sleak.toml"), "# my workspace\n").unwrap();
    let run = shell.run("sleak demo mine");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("is not a sleak demo's folder") && stderr.contains("hint:"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(folder.join("sleak.toml")).unwrap(),
        "# my workspace\n"
    );
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
}
