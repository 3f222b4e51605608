using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace OktaEventHooks.Session;

/// <summary>The default connection of each runspace, set by Connect-OktaOrg.</summary>
internal static class DefaultConnection
{
    private static readonly ConditionalWeakTable<Runspace, StrongBox<OktaConnection?>> Defaults =
        new ConditionalWeakTable<Runspace, StrongBox<OktaConnection?>>();

    private static readonly StrongBox<OktaConnection?> NoRunspace = new StrongBox<OktaConnection?>();

    public static OktaConnection? Current
    {
        get => Slot().Value;
        set => Slot().Value = value;
    }

    private static StrongBox<OktaConnection?> Slot()
    {
        var runspace = Runspace.DefaultRunspace;
        return runspace == null ? NoRunspace : Defaults.GetValue(runspace, _ => new StrongBox<OktaConnection?>());
    }
}
