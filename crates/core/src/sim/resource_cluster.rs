//! The instances that serve requests. An instance of c vCPUs serves as c servers
//! with one queue (M/M/c when service is exponential) and a cap on the requests it
//! holds at once; its CPU utilisation is busy vCPUs / c (SIMULATION.md, capacity
//! model: AWS documents no capacity figure).

use std::collections::VecDeque;

use super::engine::Time;
use super::hypervisor::Host;
use super::world::Zone;

/// Where an instance is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Life {
    /// Launched, booting.
    Pending,
    /// Running (InService in its group).
    Running,
    /// Leaving: draining from its target groups before it is terminated.
    Terminating,
    Terminated,
}

#[derive(Clone, Debug)]
pub struct Instance {
    /// `i-` and 17 hex digits, as EC2 names them; numbered in launch order.
    pub id: String,
    /// The Auto Scaling group it belongs to, or the standalone instance it is.
    pub group: Option<usize>,
    pub standalone: Option<usize>,
    pub instance_type: String,
    pub zone: Zone,
    pub host: Host,
    pub vcpus: u32,
    /// Requests it holds at most (in service and waiting).
    pub cap: u32,
    pub life: Life,
    /// False once it has failed: it answers nothing.
    pub alive: bool,
    pub launched: Time,
    /// When its application starts answering.
    pub ready_at: Time,
    pub busy: u32,
    /// Waiting requests (slots in the run's request table).
    pub queue: VecDeque<u32>,
    /// ∫ busy vCPUs dt up to `last_change`, for CPU utilisation.
    busy_area: f64,
    last_change: Time,
    /// `busy_area` at the start of the metric period and of the current second.
    period_mark: f64,
    second_mark: f64,
    pub served: u64,
    /// Requests it did not take (not answering, or at its connection cap).
    pub refused: u64,
    /// CPU utilisation over the last whole second, per cent.
    pub last_cpu: f64,
}

impl Instance {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        number: usize,
        group: Option<usize>,
        standalone: Option<usize>,
        instance_type: &str,
        zone: Zone,
        host: Host,
        vcpus: u32,
        cap: u32,
        now: Time,
    ) -> Instance {
        Instance {
            id: format!("i-{number:017x}"),
            group,
            standalone,
            instance_type: instance_type.to_string(),
            zone,
            host,
            vcpus,
            cap,
            life: Life::Pending,
            alive: true,
            launched: now,
            ready_at: f64::INFINITY,
            busy: 0,
            queue: VecDeque::new(),
            busy_area: 0.0,
            last_change: now,
            period_mark: 0.0,
            second_mark: 0.0,
            served: 0,
            refused: 0,
            last_cpu: 0.0,
        }
    }

    /// Requests held: in service and waiting.
    pub fn holding(&self) -> u32 {
        self.busy + self.queue.len() as u32
    }

    /// Whether it answers requests and health checks at `now`.
    pub fn answers(&self, now: Time) -> bool {
        self.alive && matches!(self.life, Life::Running | Life::Terminating) && now >= self.ready_at
    }

    fn account(&mut self, now: Time) {
        self.busy_area += self.busy as f64 * (now - self.last_change);
        self.last_change = now;
    }

    /// Takes a request: `true` when a vCPU is free and it starts at once, `false`
    /// when it waits. The caller has checked the cap.
    pub fn accept(&mut self, now: Time, slot: u32) -> bool {
        if self.busy < self.vcpus {
            self.account(now);
            self.busy += 1;
            true
        } else {
            self.queue.push_back(slot);
            false
        }
    }

    /// A request finished its CPU time: the next waiting one, if any, starts.
    pub fn finish(&mut self, now: Time) -> Option<u32> {
        self.served += 1;
        match self.queue.pop_front() {
            Some(next) => Some(next),
            None => {
                self.account(now);
                self.busy = self.busy.saturating_sub(1);
                None
            }
        }
    }

    /// Stops: every waiting request is dropped (returned, to be counted as failed).
    pub fn fail(&mut self, now: Time) -> Vec<u32> {
        self.account(now);
        self.alive = false;
        self.busy = 0;
        self.queue.drain(..).collect()
    }

    /// CPU utilisation, per cent, since the last period mark; sets a new mark.
    pub fn cpu_since_period(&mut self, now: Time, period: f64) -> f64 {
        self.account(now);
        let used = self.busy_area - self.period_mark;
        self.period_mark = self.busy_area;
        100.0 * used / (period * self.vcpus as f64)
    }

    /// CPU utilisation, per cent, over the last second; sets a new mark.
    pub fn cpu_last_second(&mut self, now: Time) -> f64 {
        self.account(now);
        let used = self.busy_area - self.second_mark;
        self.second_mark = self.busy_area;
        100.0 * used / self.vcpus as f64
    }
}
