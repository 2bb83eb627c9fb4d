//! Cron schedules as Kubernetes CronJobs accept them, and resource quantities.

/// Checks a five-field cron schedule or a macro such as `@daily`.
pub fn check_schedule(schedule: &str) -> Result<(), String> {
    let schedule = schedule.trim();
    if let Some(name) = schedule.strip_prefix('@') {
        return match name {
            "yearly" | "annually" | "monthly" | "weekly" | "daily" | "midnight" | "hourly" => {
                Ok(())
            }
            _ => Err(format!(
                "`@{name}` is not a schedule macro: use `@hourly`, `@daily`, `@weekly`, `@monthly` or `@yearly`"
            )),
        };
    }
    let fields: Vec<&str> = schedule.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "a schedule has 5 fields (minute hour day-of-month month day-of-week), found {}",
            fields.len()
        ));
    }
    const MONTHS: &[&str] = &[
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    const DAYS: &[&str] = &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    let specs: [(&str, u32, u32, &[&str], u32); 5] = [
        ("minute", 0, 59, &[], 0),
        ("hour", 0, 23, &[], 0),
        ("day of month", 1, 31, &[], 0),
        ("month", 1, 12, MONTHS, 1),
        ("day of week", 0, 7, DAYS, 0),
    ];
    for (field, (name, low, high, names, first)) in fields.iter().zip(specs) {
        check_field(field, low, high, names, first)
            .map_err(|reason| format!("{name} field `{field}`: {reason}"))?;
    }
    Ok(())
}

fn check_field(field: &str, low: u32, high: u32, names: &[&str], first: u32) -> Result<(), String> {
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((range, step)) => (range, Some(step)),
            None => (part, None),
        };
        if let Some(step) = step {
            let step: u32 = step
                .parse()
                .map_err(|_| format!("step `{step}` is not a number"))?;
            if step == 0 || step > high {
                return Err(format!("step {step} is out of range 1-{high}"));
            }
        }
        if range == "*" || range == "?" {
            continue;
        }
        let value = |text: &str| -> Result<u32, String> {
            if let Some(index) = names
                .iter()
                .position(|name| name.eq_ignore_ascii_case(text))
            {
                return Ok(index as u32 + first);
            }
            let number: u32 = text
                .parse()
                .map_err(|_| format!("`{text}` is not a number"))?;
            if number < low || number > high {
                return Err(format!("{number} is out of range {low}-{high}"));
            }
            Ok(number)
        };
        match range.split_once('-') {
            Some((start, end)) => {
                let (start, end) = (value(start)?, value(end)?);
                if start > end {
                    return Err(format!("range {start}-{end} runs backwards"));
                }
            }
            None => {
                value(range)?;
            }
        }
    }
    Ok(())
}

/// A Kubernetes CPU quantity in millicores (`250m`, `1`, `0.5`).
pub fn cpu_millis(quantity: &str) -> Result<u64, String> {
    if let Some(millis) = quantity.strip_suffix('m') {
        return millis
            .parse::<u64>()
            .map_err(|_| "millicores are a whole number, as in `250m`".into());
    }
    let cores: f64 = quantity
        .parse()
        .map_err(|_| "CPU is written as cores (`1`, `0.5`) or millicores (`250m`)".to_owned())?;
    if !cores.is_finite() || cores < 0.0 {
        return Err("CPU must be a positive number".into());
    }
    Ok((cores * 1000.0).round() as u64)
}

/// A Kubernetes memory quantity in bytes (`512Mi`, `1Gi`, `1G`, `1000000`).
pub fn memory_bytes(quantity: &str) -> Result<u64, String> {
    const SUFFIXES: &[(&str, u64)] = &[
        ("Ki", 1 << 10),
        ("Mi", 1 << 20),
        ("Gi", 1 << 30),
        ("Ti", 1 << 40),
        ("k", 1_000),
        ("M", 1_000_000),
        ("G", 1_000_000_000),
        ("T", 1_000_000_000_000),
    ];
    let (number, multiplier) = SUFFIXES
        .iter()
        .find_map(|(suffix, multiplier)| {
            quantity
                .strip_suffix(suffix)
                .map(|number| (number, *multiplier))
        })
        .unwrap_or((quantity, 1));
    let value: u64 = number.parse().map_err(|_| {
        "memory is written as a whole number with a unit, as in `512Mi` or `1Gi`".to_owned()
    })?;
    value
        .checked_mul(multiplier)
        .ok_or_else(|| "memory is too large".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_kubernetes_schedules() {
        for schedule in [
            "*/5 * * * *",
            "0 3 * * MON-FRI",
            "15 2 1,15 * *",
            "@daily",
            "0 0 * JAN *",
        ] {
            assert_eq!(check_schedule(schedule), Ok(()), "{schedule}");
        }
    }

    #[test]
    fn rejects_malformed_schedules_with_the_field_named() {
        let error = check_schedule("61 * * * *").unwrap_err();
        assert!(error.contains("minute field"), "{error}");
        assert!(check_schedule("* * *").unwrap_err().contains("5 fields"));
        assert!(check_schedule("@sometimes").is_err());
        assert!(
            check_schedule("5-1 * * * *")
                .unwrap_err()
                .contains("backwards")
        );
        assert!(check_schedule("*/0 * * * *").is_err());
    }

    #[test]
    fn parses_quantities() {
        assert_eq!(cpu_millis("250m"), Ok(250));
        assert_eq!(cpu_millis("1.5"), Ok(1500));
        assert!(cpu_millis("fast").is_err());
        assert_eq!(memory_bytes("512Mi"), Ok(512 << 20));
        assert_eq!(memory_bytes("1G"), Ok(1_000_000_000));
        assert!(memory_bytes("lots").is_err());
    }
}
