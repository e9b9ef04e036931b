"""A web server with 4 CPUs, in SimPy: the M/M/c queue that Formwork simulates in
benches/simulate/mmc.yaml, for scripts/bench-simulate.sh to compare speeds.

Requests arrive at random (a Poisson process of LAMBDA a second) at a server with C
CPUs. Each request waits for a free CPU, holds it for a random time (exponential, of
mean 1/MU seconds) and leaves. After N requests the run stops, and the script prints
how many were served, their mean response time (waiting plus service) and how long the
run took on the wall clock, as one JSON line.

    python scripts/simpy_mmc.py [--lam 160] [--mu 50] [--c 4] [--n 2000000] [--seed 1]
"""

import argparse
import json
import random
import time

import simpy


def request(env, server, mu, response_times):
    """One request: waits for a CPU, is served, leaves."""
    arrived = env.now
    with server.request() as cpu:
        yield cpu
        yield env.timeout(random.expovariate(mu))
    response_times.append(env.now - arrived)


def users(env, server, lam, mu, n, response_times):
    """Sends n requests, one every exponential gap of mean 1/lam."""
    for _ in range(n):
        yield env.timeout(random.expovariate(lam))
        env.process(request(env, server, mu, response_times))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lam", type=float, default=160.0, help="arrivals a second")
    parser.add_argument("--mu", type=float, default=50.0, help="services a second per CPU")
    parser.add_argument("--c", type=int, default=4, help="CPUs")
    parser.add_argument("--n", type=int, default=2_000_000, help="requests")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    random.seed(args.seed)
    started = time.perf_counter()

    env = simpy.Environment()
    server = simpy.Resource(env, capacity=args.c)
    response_times = []
    env.process(users(env, server, args.lam, args.mu, args.n, response_times))
    env.run()

    wall = time.perf_counter() - started
    print(json.dumps({
        "requests": len(response_times),
        "mean_response_ms": 1000 * sum(response_times) / len(response_times),
        "wall_s": wall,
    }))


if __name__ == "__main__":
    main()
