package io.sluice.output.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FastMaskingDraftTest {

    @Test
    void masksEveryByteWithTheKeyByteAtItsPositionModuloFour() {
        Random random = new Random(42);
        for (int length = 0; length < 40; length++) {
            byte[] data = new byte[length + 3];
            random.nextBytes(data);
            byte[] masked = data.clone();
            int key = random.nextInt();

            FastMaskingDraft.mask(masked, 3, length, key);

            for (int i = 0; i < length; i++) {
                byte keyByte = (byte) (key >>> (24 - 8 * (i % 4)));
                assertThat(masked[3 + i]).isEqualTo((byte) (data[3 + i] ^ keyByte));
            }
            assertThat(masked[0]).isEqualTo(data[0]);
        }
    }

    @Test
    void maskCopyWritesTheMaskedBytesAndLeavesTheSourceAlone() {
        Random random = new Random(7);
        for (int length = 0; length < 40; length++) {
            byte[] source = new byte[length + 5];
            random.nextBytes(source);
            byte[] original = source.clone();
            byte[] out = new byte[length + 2];
            int key = random.nextInt();

            FastMaskingDraft.maskCopy(source, 5, out, 2, length, key);

            for (int i = 0; i < length; i++) {
                byte keyByte = (byte) (key >>> (24 - 8 * (i % 4)));
                assertThat(out[2 + i]).isEqualTo((byte) (source[5 + i] ^ keyByte));
            }
            assertThat(source).isEqualTo(original);
        }
    }
}
