package org.entrasfo.bench;

import java.time.Duration;

/**
 * CPU time used so far by a process and its descendants (kc.sh and the JVM it starts), as the kernel counts it. Over
 * a window, divided by the operations done in it, this is the figure that stays steady on a shared machine.
 */
final class ServerCpu {

    private ServerCpu() {
    }

    static Duration of(ProcessHandle process) {
        Duration total = process.info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : process.descendants().toList()) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    static Duration ofThisJvm() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
