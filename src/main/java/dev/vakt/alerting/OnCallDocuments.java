package dev.vakt.alerting;

import dev.vakt.common.DocumentReader;
import dev.vakt.common.DocumentReader.Located;
import dev.vakt.common.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The on-call kind of document and the checks across its parts. */
public final class OnCallDocuments {

  /** The kinds this module reads. */
  public static final List<DocumentReader.Kind> KINDS =
      List.of(new DocumentReader.Kind("OnCall", OnCallDocument.class));

  private OnCallDocuments() {}

  /**
   * Checks ids and references inside each on-call document among {@code documents}, and that a
   * provider has one on-call document in a set.
   */
  public static List<Problem> check(Collection<Located> documents) {
    List<Problem> problems = new ArrayList<>();
    Set<String> providers = new HashSet<>();
    for (Located l : documents) {
      if (!(l.value() instanceof OnCallDocument d)) {
        continue;
      }
      if (!providers.add(d.provider())) {
        problems.add(
            l.problem(
                "/provider",
                "provider '" + d.provider() + "' has another OnCall document in this set"));
      }
      Set<String> people = unique(problems, l, "people", d.people(), OnCallPerson::id);
      Set<String> schedules = unique(problems, l, "schedules", d.schedules(), OnCallSchedule::id);
      unique(problems, l, "escalationPolicies", d.escalationPolicies(), EscalationPolicy::id);
      for (int s = 0; s < d.schedules().size(); s++) {
        OnCallSchedule schedule = d.schedules().get(s);
        for (int i = 0; i < schedule.layers().size(); i++) {
          List<String> participants = schedule.layers().get(i).participants();
          for (int p = 0; p < participants.size(); p++) {
            known(
                problems,
                l,
                "/schedules/%d/layers/%d/participants/%d".formatted(s, i, p),
                people,
                "person",
                participants.get(p));
          }
        }
        for (int o = 0; o < schedule.overrides().size(); o++) {
          known(
              problems,
              l,
              "/schedules/%d/overrides/%d/person".formatted(s, o),
              people,
              "person",
              schedule.overrides().get(o).person());
        }
      }
      Map<String, String> customerPolicy = new HashMap<>();
      boolean fallback = false;
      for (int p = 0; p < d.escalationPolicies().size(); p++) {
        EscalationPolicy policy = d.escalationPolicies().get(p);
        if (policy.customers().isEmpty()) {
          if (fallback) {
            problems.add(
                l.problem(
                    "/escalationPolicies/" + p + "/customers",
                    "another policy already lists no customers: only one policy may handle"
                        + " every other customer"));
          }
          fallback = true;
        }
        for (int c = 0; c < policy.customers().size(); c++) {
          String earlier = customerPolicy.putIfAbsent(policy.customers().get(c), policy.id());
          if (earlier != null) {
            problems.add(
                l.problem(
                    "/escalationPolicies/%d/customers/%d".formatted(p, c),
                    "customer '"
                        + policy.customers().get(c)
                        + "' is already handled by policy '"
                        + earlier
                        + "'"));
          }
        }
        for (int f = 0; f < policy.fallback().size(); f++) {
          known(
              problems,
              l,
              "/escalationPolicies/%d/fallback/%d".formatted(p, f),
              people,
              "person",
              policy.fallback().get(f));
        }
        for (int s = 0; s < policy.steps().size(); s++) {
          List<EscalationPolicy.Target> targets = policy.steps().get(s).targets();
          for (int t = 0; t < targets.size(); t++) {
            String at = "/escalationPolicies/%d/steps/%d/targets/%d/".formatted(p, s, t);
            EscalationPolicy.Target target = targets.get(t);
            if (target.person() != null) {
              known(problems, l, at + "person", people, "person", target.person());
            } else {
              known(problems, l, at + "schedule", schedules, "schedule", target.schedule());
            }
          }
        }
      }
    }
    return problems;
  }

  private static <T> Set<String> unique(
      List<Problem> problems, Located l, String list, List<T> items, Function<T, String> id) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String value = id.apply(items.get(i));
      if (!seen.add(value)) {
        problems.add(l.problem("/" + list + "/" + i + "/id", "'" + value + "' is used twice"));
      }
    }
    return seen;
  }

  private static void known(
      List<Problem> problems,
      Located l,
      String pointer,
      Set<String> defined,
      String what,
      String id) {
    if (!defined.contains(id)) {
      problems.add(
          l.problem(
              pointer,
              what
                  + " '"
                  + id
                  + "' is not defined in this document; defined: "
                  + String.join(", ", new java.util.TreeSet<>(defined))));
    }
  }
}
