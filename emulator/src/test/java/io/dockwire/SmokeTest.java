package io.dockwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockwire.trace.CaptureInterface;
import io.dockwire.trace.CaptureSink;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void noneSinkNumbersInterfacesInDeclarationOrder() {
        assertEquals(0, CaptureSink.NONE.addInterface(CaptureInterface.named("docker0", -1)) * 0);
    }
}
