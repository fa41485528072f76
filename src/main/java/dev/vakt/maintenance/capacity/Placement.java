package dev.vakt.maintenance.capacity;

import java.util.List;

/**
 * Where the guests of {@code source} go when it is emptied (MNT-7).
 *
 * @param source the node emptied
 * @param moves each movable guest and its target, in the order placed (largest RAM first)
 * @param notFitting guests that count and could move but fit on no other node within the limits
 * @param cannotMove guests that count but are bound to the node's local storage or devices
 * @param notCounted templates, and guests the {@link CapacityRule.GuestRule} leaves out: they stay
 */
public record Placement(
    String source,
    List<Move> moves,
    List<ClusterState.Guest> notFitting,
    List<ClusterState.Guest> cannotMove,
    List<ClusterState.Guest> notCounted) {

  public Placement {
    moves = List.copyOf(moves);
    notFitting = List.copyOf(notFitting);
    cannotMove = List.copyOf(cannotMove);
    notCounted = List.copyOf(notCounted);
  }

  /** Whether every guest that counts and could move has a target. */
  public boolean complete() {
    return notFitting.isEmpty();
  }

  /**
   * One guest's move.
   *
   * @param guest the guest
   * @param source the node it is on
   * @param target the node it goes to
   */
  public record Move(ClusterState.Guest guest, String source, String target) {}
}
