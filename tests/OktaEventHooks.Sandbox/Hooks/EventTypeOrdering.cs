namespace OktaEventHooks.Sandbox.Hooks;

/// <summary>
/// The order in which the org keeps (and answers) a hook's <c>events.items</c>. Recorded: Okta may answer them in
/// another order than they were sent, so a client must compare them as a set. <see cref="EventTypeOrder.Reversed"/>
/// makes the sandbox do that every time (a reversed list always differs from the one sent when it has two or more),
/// so a test can prove a client does not rely on the order; the default keeps the order sent.
/// Set at start (<see cref="SandboxOptions.EventTypeOrder"/>) or with <c>PUT /sandbox/event-type-order</c>; a reset
/// goes back to the start value.
/// </summary>
internal sealed class EventTypeOrdering(EventTypeOrder initial)
{
    private readonly EventTypeOrder _initial = initial;
    private volatile EventTypeOrder _current = initial;

    public EventTypeOrder Current => _current;

    public void Set(EventTypeOrder order) => _current = order;

    public void Reset() => Set(_initial);

    /// <summary>The event types as the org stores them.</summary>
    public IReadOnlyList<string> Apply(IReadOnlyList<string> sent) =>
        Current == EventTypeOrder.Reversed ? sent.Reverse().ToList() : sent;

    /// <summary>The name used on the wire: as-sent or reversed.</summary>
    public static string NameOf(EventTypeOrder order) => order == EventTypeOrder.Reversed ? "reversed" : "as-sent";

    // Not named TryParse: minimal APIs would take this service for a route-bindable type.
    public static bool TryReadName(string? name, out EventTypeOrder order)
    {
        order = name == "reversed" ? EventTypeOrder.Reversed : EventTypeOrder.AsSent;
        return name is "reversed" or "as-sent";
    }
}
