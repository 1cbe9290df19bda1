package io.dockwire.l2;

/**
 * Refusal to build a layer-2 loop. dockwire implements no Spanning Tree (neither does Docker's
 * default bridge, which runs with STP off), so a loop would flood forever; such topologies are
 * rejected when the looping port is enslaved.
 */
public final class L2LoopException extends IllegalStateException {
    public L2LoopException(String message) {
        super(message);
    }
}
