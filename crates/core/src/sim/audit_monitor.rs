//! The audit monitor: a CloudTrail record of every action taken, by a service
//! (Auto Scaling launching and terminating, the load balancer's registrations, RDS
//! failing over) or by the user (the faults injected), in CloudTrail's own shape
//! ("CloudTrail record contents", AWS CloudTrail user guide).

use serde::Serialize;
use serde_json::{Value, json};

use super::engine::Time;
use crate::calendar::civil_from_days;

#[derive(Clone, Debug, Default, Serialize)]
pub struct AuditMonitor {
    #[serde(rename = "Records")]
    pub records: Vec<Value>,
}

/// Who acted.
#[derive(Clone, Copy, Debug)]
pub enum Actor {
    Service(&'static str),
    User,
}

impl AuditMonitor {
    /// Records `event_name` of `event_source` at `t` seconds after `start` (epoch seconds).
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        start: i64,
        t: Time,
        region: &str,
        actor: Actor,
        event_source: &str,
        event_name: &str,
        request: Value,
        response: Value,
    ) {
        let identity = match actor {
            Actor::Service(invoked_by) => json!({ "type": "AWSService", "invokedBy": invoked_by }),
            Actor::User => json!({
                "type": "IAMUser",
                "principalId": "AIDASIMULATEDUSER",
                "arn": "arn:aws:iam::123456789012:user/formwork",
                "accountId": "123456789012",
                "userName": "formwork"
            }),
        };
        let n = self.records.len();
        self.records.push(json!({
            "eventVersion": "1.09",
            "userIdentity": identity,
            "eventTime": timestamp(start + t as i64),
            "eventSource": event_source,
            "eventName": event_name,
            "awsRegion": region,
            "sourceIPAddress": match actor { Actor::Service(s) => s, Actor::User => "203.0.113.10" },
            "userAgent": match actor { Actor::Service(s) => s, Actor::User => "formwork-simulate" },
            "requestParameters": request,
            "responseElements": response,
            "eventID": format!("00000000-0000-4000-8000-{n:012x}"),
            "readOnly": false,
            "eventType": "AwsApiCall",
            "recipientAccountId": "123456789012",
            "simulatedSeconds": t,
        }));
    }
}

/// `YYYY-MM-DDThh:mm:ssZ` for seconds since the epoch.
pub fn timestamp(epoch: i64) -> String {
    let (year, month, day) = civil_from_days(epoch.div_euclid(86_400));
    let secs = epoch.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_as_cloudtrail_writes_them() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp(1_798_761_600 + 3_725), "2027-01-01T01:02:05Z");
    }
}
