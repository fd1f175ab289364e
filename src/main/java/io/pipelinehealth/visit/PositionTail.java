package io.pipelinehealth.visit;

import java.util.List;

/**
 * The positions from {@code fromSeq} on of one opportunity, replacing its stored ones from there,
 * with their visit keys in parallel.
 */
record PositionTail(int fromSeq, List<Position> positions, List<String> keys) {
}
