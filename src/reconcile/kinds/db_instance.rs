//! A dependency's database: an RDS instance (PostgreSQL, MySQL, MariaDB) in the
//! account's DB subnet group, private, encrypted gp3 storage that grows by itself up to
//! a ceiling, automated backups, and a master password RDS keeps in Secrets Manager.

use std::fmt;

use crate::providers::aws::rds::{self, DbModification, NewDbInstance};
use crate::providers::aws::tags;
use crate::providers::wait::{self, Backoff, Goal};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbInstance {
    pub identifier: String,
    /// `postgres`, `mysql` or `mariadb`.
    pub engine: String,
    pub engine_version: String,
    pub instance_class: String,
    pub storage_gib: u32,
    pub max_storage_gib: u32,
    pub multi_az: bool,
    pub backup_retention_days: u32,
    pub deletion_protection: bool,
    pub database: String,
    pub username: String,
    /// Plan id of the account's DB subnet group.
    pub subnet_group: String,
    /// Plan id of the database's security group.
    pub security_group: String,
    /// Whether deleting it takes a final snapshot first.
    pub final_snapshot: bool,
}

pub type Observed = rds::DbInstance;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    InstanceClass(String),
    Storage(u32),
    MaxStorage(u32),
    MultiAz(bool),
    BackupRetention(u32),
    DeletionProtection(bool),
    EngineVersion(String),
    SecurityGroups,
    Private,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::InstanceClass(class) => write!(f, "change the instance class to {class}"),
            Fix::Storage(gib) => write!(f, "grow the storage to {gib} GiB"),
            Fix::MaxStorage(gib) => write!(f, "let the storage grow up to {gib} GiB"),
            Fix::MultiAz(true) => f.write_str("add a standby in a second zone (multi-AZ)"),
            Fix::MultiAz(false) => f.write_str("remove the standby (single zone)"),
            Fix::BackupRetention(days) => write!(f, "keep backups {days} days"),
            Fix::DeletionProtection(true) => f.write_str("turn deletion protection on"),
            Fix::DeletionProtection(false) => f.write_str("turn deletion protection off"),
            Fix::EngineVersion(version) => write!(f, "upgrade the engine to {version}"),
            Fix::SecurityGroups => f.write_str("admit only the cluster's nodes"),
            Fix::Private => f.write_str("make it private (no public address)"),
        }
    }
}

/// `16.4` → (16, 4); `8.0.41` → (8, 0, 41) as a list of numbers.
fn version_numbers(version: &str) -> Vec<u64> {
    version
        .split('.')
        .map(|part| part.parse().unwrap_or(0))
        .collect()
}

/// The major version: `16` of PostgreSQL 16.4, `8.0` of MySQL 8.0.41.
fn major(engine: &str, version: &str) -> Vec<u64> {
    let numbers = version_numbers(version);
    let length = if engine == "postgres" { 1 } else { 2 };
    numbers.into_iter().take(length).collect()
}

impl DbInstance {
    /// Follows the database until it reaches `goal`.
    async fn wait(&self, cx: &Cx<'_>, goal: Goal) -> anyhow::Result<Option<rds::DbInstance>> {
        let config = cx.config().await?;
        wait::follow(
            Backoff::DATABASE,
            "database",
            &self.identifier,
            goal,
            cx.on_wait,
            || rds::db_instance(&config, &self.identifier),
            |found: &rds::DbInstance| found.status.as_str(),
            |status| {
                FAILED.contains(&status).then(|| {
                    anyhow::anyhow!(
                        "the database `{}` is {status}: RDS cannot bring it up\nhint: look at its events with `aws rds describe-events --source-identifier {} --source-type db-instance`",
                        self.identifier,
                        self.identifier
                    )
                })
            },
        )
        .await
    }
}

/// States of a database RDS cannot bring up by itself.
const FAILED: [&str; 5] = [
    "failed",
    "incompatible-parameters",
    "incompatible-network",
    "storage-full",
    "inaccessible-encryption-credentials",
];

fn output_of(found: &rds::DbInstance) -> Output {
    Output::reached(
        &found.identifier,
        &found.arn,
        found.endpoint.as_ref(),
        found.master_secret_arn.clone(),
    )
}

impl Kind for DbInstance {
    const KIND: &'static str = "rds:db-instance";
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.subnet_group, &self.security_group]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some((_, config)) = cx.config_if_exists().await else {
            return Ok(None);
        };
        rds::db_instance(&config, &self.identifier).await
    }

    fn output(&self, observed: &Observed) -> Output {
        output_of(observed)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if observed.status != "available" {
            changes
                .settling
                .push(format!("the database is {}", observed.status));
            return changes;
        }
        if observed.engine != self.engine {
            changes.drift.push(format!(
                "the engine is {}, the workspace says {} (a new dependency is needed to change it)",
                observed.engine, self.engine
            ));
        }
        if !observed.encrypted {
            changes.drift.push(
                "the storage is not encrypted (RDS encrypts only at creation: restore a snapshot into an encrypted instance)".to_owned(),
            );
        }
        if observed.publicly_accessible {
            changes.fix.push(Fix::Private);
        }
        if observed.instance_class != self.instance_class {
            changes
                .fix
                .push(Fix::InstanceClass(self.instance_class.clone()));
        }
        match observed.allocated_storage_gib.cmp(&self.storage_gib) {
            std::cmp::Ordering::Less => changes.fix.push(Fix::Storage(self.storage_gib)),
            // Grown by autoscaling, or by hand: RDS cannot shrink storage.
            std::cmp::Ordering::Greater => {}
            std::cmp::Ordering::Equal => {}
        }
        let wanted_max = (self.max_storage_gib > self.storage_gib).then_some(self.max_storage_gib);
        if observed.max_allocated_storage_gib != wanted_max
            && !(wanted_max.is_none()
                && observed
                    .max_allocated_storage_gib
                    .is_some_and(|max| max <= observed.allocated_storage_gib))
        {
            changes.fix.push(Fix::MaxStorage(self.max_storage_gib));
        }
        if observed.multi_az != self.multi_az {
            changes.fix.push(Fix::MultiAz(self.multi_az));
        }
        if observed.backup_retention_days != self.backup_retention_days {
            changes
                .fix
                .push(Fix::BackupRetention(self.backup_retention_days));
        }
        if observed.deletion_protection != self.deletion_protection {
            changes
                .fix
                .push(Fix::DeletionProtection(self.deletion_protection));
        }
        let (have, want) = (
            version_numbers(&observed.engine_version),
            version_numbers(&self.engine_version),
        );
        if have != want && observed.engine == self.engine {
            if major(&self.engine, &observed.engine_version)
                != major(&self.engine, &self.engine_version)
            {
                changes.drift.push(format!(
                    "the engine version is {}, the workspace says {}: a major version change is not made by `apply` (test it on a snapshot, then upgrade with `aws rds modify-db-instance --allow-major-version-upgrade`)",
                    observed.engine_version, self.engine_version
                ));
            } else if have < want {
                changes
                    .fix
                    .push(Fix::EngineVersion(self.engine_version.clone()));
            }
            // A newer minor version than the workspace's: RDS's automatic minor upgrade.
        }
        if let Some(group) = refs.find(&self.security_group)
            && observed.security_groups != [group.to_owned()]
        {
            changes.fix.push(Fix::SecurityGroups);
        }
        if observed.subnet_group.as_deref() != refs.find(&self.subnet_group)
            && refs.contains(&self.subnet_group)
        {
            changes.drift.push(format!(
                "the database is in the subnet group {}, not the account's",
                observed.subnet_group.as_deref().unwrap_or("(none)")
            ));
        }
        changes
    }

    async fn apply(
        &self,
        cx: &Cx<'_>,
        observed: Option<&Observed>,
        changes: &Changes<Fix>,
    ) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let security_group = cx.refs.id(&self.security_group)?.to_owned();
        match observed {
            None => {
                let created = rds::create_db_instance(
                    &config,
                    &NewDbInstance {
                        identifier: &self.identifier,
                        engine: &self.engine,
                        engine_version: &self.engine_version,
                        instance_class: &self.instance_class,
                        storage_gib: self.storage_gib,
                        max_storage_gib: self.max_storage_gib,
                        multi_az: self.multi_az,
                        backup_retention_days: self.backup_retention_days,
                        deletion_protection: self.deletion_protection,
                        database: &self.database,
                        username: &self.username,
                        subnet_group: cx.refs.id(&self.subnet_group)?,
                        security_groups: vec![security_group.clone()],
                    },
                    &cx.tags(),
                )
                .await?;
                if !created {
                    // Its name was taken: by a try of ours whose answer was lost, or not.
                    let found = rds::db_instance(&config, &self.identifier).await?;
                    let ours = found.as_ref().is_some_and(|found| {
                        tags::carries(
                            found.tags.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                            &cx.tags(),
                        )
                    });
                    if !ours {
                        anyhow::bail!(
                            "a database named `{}` already exists in this account and is not this workspace's\nhint: give the dependency another name, or delete that database",
                            self.identifier
                        );
                    }
                }
            }
            Some(found) if !changes.only_settling() => {
                let mut change = DbModification::default();
                for fix in &changes.fix {
                    match fix {
                        Fix::InstanceClass(class) => change.instance_class = Some(class.clone()),
                        Fix::Storage(gib) => change.storage_gib = Some(*gib),
                        Fix::MaxStorage(gib) => {
                            change.max_storage_gib = Some((*gib).max(found.allocated_storage_gib))
                        }
                        Fix::MultiAz(on) => change.multi_az = Some(*on),
                        Fix::BackupRetention(days) => change.backup_retention_days = Some(*days),
                        Fix::DeletionProtection(on) => change.deletion_protection = Some(*on),
                        Fix::EngineVersion(version) => {
                            change.engine_version = Some(version.clone())
                        }
                        Fix::SecurityGroups => {
                            change.security_groups = Some(vec![security_group.clone()])
                        }
                        Fix::Private => change.publicly_accessible = Some(false),
                    }
                }
                rds::modify_db_instance(&config, &self.identifier, &change).await?;
            }
            Some(_) => {}
        }
        let available = self.wait(cx, Goal::Status("available")).await?;
        Ok(output_of(&available.expect("followed until available")))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        let config = cx.config().await?;
        let snapshot = self.final_snapshot.then(|| {
            let seconds = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_secs());
            format!("{}-final-{seconds}", output.id)
        });
        if let Some(found) = rds::db_instance(&config, &output.id).await?
            && found.status != "deleting"
        {
            rds::delete_db_instance(&config, &output.id, snapshot.as_deref()).await?;
            if let Some(snapshot) = &snapshot {
                (cx.on_wait)(&format!("final snapshot {snapshot}"));
            }
        }
        // Its name, as the desired form may name another (a rename deletes the old).
        let gone = Self {
            identifier: output.id.clone(),
            ..self.clone()
        };
        gone.wait(cx, Goal::Gone).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desired() -> DbInstance {
        DbInstance {
            identifier: "api-staging-db".into(),
            engine: "postgres".into(),
            engine_version: "16.4".into(),
            instance_class: "db.t4g.micro".into(),
            storage_gib: 20,
            max_storage_gib: 80,
            multi_az: false,
            backup_retention_days: 7,
            deletion_protection: false,
            database: "db".into(),
            username: "app".into(),
            subnet_group: "account/development/db-subnet-group".into(),
            security_group: "sg".into(),
            final_snapshot: true,
        }
    }

    fn found() -> Observed {
        rds::DbInstance {
            identifier: "api-staging-db".into(),
            status: "available".into(),
            engine: "postgres".into(),
            engine_version: "16.4".into(),
            instance_class: "db.t4g.micro".into(),
            allocated_storage_gib: 20,
            max_allocated_storage_gib: Some(80),
            storage_type: "gp3".into(),
            encrypted: true,
            backup_retention_days: 7,
            subnet_group: Some("acme-db".into()),
            security_groups: vec!["sg-1".into()],
            ..rds::DbInstance::default()
        }
    }

    fn refs() -> Outputs {
        let mut refs = Outputs::default();
        refs.insert("sg".into(), Output::id("sg-1"));
        refs.insert(
            "account/development/db-subnet-group".into(),
            Output::id("acme-db"),
        );
        refs
    }

    #[test]
    fn a_database_is_compared_property_by_property() {
        let same = desired().compare(&refs(), &found());
        assert_eq!(same, Changes::default());
        type Case = (&'static str, fn(&mut Observed), Vec<Fix>, usize);
        let cases: Vec<Case> = vec![
            (
                "class",
                |o| o.instance_class = "db.t3.micro".into(),
                vec![Fix::InstanceClass("db.t4g.micro".into())],
                0,
            ),
            (
                "storage below",
                |o| o.allocated_storage_gib = 10,
                vec![Fix::Storage(20)],
                0,
            ),
            (
                "storage grown by autoscaling",
                |o| o.allocated_storage_gib = 40,
                vec![],
                0,
            ),
            (
                "no autoscaling",
                |o| o.max_allocated_storage_gib = None,
                vec![Fix::MaxStorage(80)],
                0,
            ),
            (
                "multi-az",
                |o| o.multi_az = true,
                vec![Fix::MultiAz(false)],
                0,
            ),
            (
                "backups",
                |o| o.backup_retention_days = 1,
                vec![Fix::BackupRetention(7)],
                0,
            ),
            (
                "protection",
                |o| o.deletion_protection = true,
                vec![Fix::DeletionProtection(false)],
                0,
            ),
            (
                "public",
                |o| o.publicly_accessible = true,
                vec![Fix::Private],
                0,
            ),
            (
                "other group",
                |o| o.security_groups = vec!["sg-1".into(), "sg-open".into()],
                vec![Fix::SecurityGroups],
                0,
            ),
            (
                "older minor",
                |o| o.engine_version = "16.2".into(),
                vec![Fix::EngineVersion("16.4".into())],
                0,
            ),
            (
                "newer minor (auto upgrade)",
                |o| o.engine_version = "16.6".into(),
                vec![],
                0,
            ),
            (
                "other major",
                |o| o.engine_version = "15.7".into(),
                vec![],
                1,
            ),
            ("unencrypted", |o| o.encrypted = false, vec![], 1),
            ("other engine", |o| o.engine = "mysql".into(), vec![], 1),
            (
                "other subnet group",
                |o| o.subnet_group = Some("default".into()),
                vec![],
                1,
            ),
        ];
        for (name, change, fixes, drift) in cases {
            let mut observed = found();
            change(&mut observed);
            let changes = desired().compare(&refs(), &observed);
            assert_eq!(changes.fix, fixes, "{name}");
            assert_eq!(changes.drift.len(), drift, "{name}: {:?}", changes.drift);
        }
    }

    #[test]
    fn a_database_not_available_is_waited_for_not_changed() {
        let mut observed = found();
        observed.status = "modifying".into();
        observed.instance_class = "db.t3.micro".into();
        let changes = desired().compare(&refs(), &observed);
        assert!(changes.fix.is_empty());
        assert_eq!(
            changes.settling,
            vec!["the database is modifying".to_owned()]
        );
    }

    #[test]
    fn major_versions_are_per_engine() {
        assert_eq!(major("postgres", "16.4"), vec![16]);
        assert_eq!(major("mysql", "8.0.41"), vec![8, 0]);
        assert_ne!(major("mysql", "8.0.41"), major("mysql", "8.4.3"));
    }
}
