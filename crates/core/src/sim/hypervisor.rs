//! The hypervisor: every instance is a virtual machine on a physical host in its
//! zone, and a host failure takes down every instance on it. AWS does not disclose
//! placement, so hosts are filled in launch order, `vms_per_host` to a host (an
//! assumption); placement groups and dedicated hosts are not simulated.

use super::world::Zone;

/// A physical host: its zone and its number there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Host {
    pub zone: Zone,
    pub number: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Hypervisor {
    /// Instances placed so far, per zone.
    placed: Vec<usize>,
}

impl Hypervisor {
    /// The host for the next instance launched in `zone`.
    pub fn place(&mut self, zone: Zone, vms_per_host: u32) -> Host {
        if self.placed.len() <= zone {
            self.placed.resize(zone + 1, 0);
        }
        let number = self.placed[zone] / vms_per_host.max(1) as usize;
        self.placed[zone] += 1;
        Host { zone, number }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_fill_in_launch_order_per_zone() {
        let mut h = Hypervisor::default();
        let hosts: Vec<Host> = (0..5).map(|_| h.place(0, 2)).collect();
        assert_eq!(
            hosts.iter().map(|h| h.number).collect::<Vec<_>>(),
            [0, 0, 1, 1, 2]
        );
        assert_eq!(h.place(1, 2), Host { zone: 1, number: 0 });
    }
}
