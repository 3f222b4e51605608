namespace OktaEventHooks.Tests;

public sealed class DesktopAssemblyResolverTests : IDisposable
{
    private readonly string _module = Directory.CreateTempSubdirectory("oktaeh-resolver-").FullName;
    private readonly string _desktop;

    public DesktopAssemblyResolverTests()
    {
        _desktop = Directory.CreateDirectory(Path.Combine(_module, "lib", "Desktop")).FullName;
        foreach (var name in new[] { "System.Memory", "System.Text.Json", "Newtonsoft.Json", "OktaEventHooks.Client" })
        {
            File.WriteAllText(Path.Combine(_desktop, name + ".dll"), string.Empty);
        }

        foreach (var name in new[] { "OktaEventHooks", "OktaEventHooks.Model", "OktaEventHooks.Loader" })
        {
            File.WriteAllText(Path.Combine(_module, name + ".dll"), string.Empty);
        }
    }

    private IReadOnlyDictionary<string, string> Shipped => DesktopAssemblyResolver.ShippedIn(_desktop, _module);

    public void Dispose() => Directory.Delete(_module, recursive: true);

    [Theory]
    [InlineData("System.Memory, Version=4.0.1.1, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("System.Memory, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("System.Memory, Version=9.9.9.9, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("System.Memory")]
    [InlineData("system.memory, Version=4.0.1.1")]
    public void AnswersAShippedNameWhateverVersionWasAsked(string requested)
    {
        Assert.Equal(Path.Combine(_desktop, "System.Memory.dll"), DesktopAssemblyResolver.Choose(requested, Shipped));
    }

    [Fact]
    public void AnswersForThePublicTypesThatLiveInTheModuleFolder()
    {
        Assert.Equal(Path.Combine(_module, "OktaEventHooks.Model.dll"), DesktopAssemblyResolver.Choose("OktaEventHooks.Model, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null", Shipped));
    }

    [Theory]
    [InlineData("System.Management.Automation, Version=3.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35")]
    [InlineData("mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")]
    [InlineData("Az.Accounts, Version=2.0.0.0")]
    [InlineData("Newtonsoft.Json.resources, Version=13.0.0.0, Culture=de, PublicKeyToken=30ad4fe6b2a6aeed")]
    [InlineData("OktaEventHooks.Loader, Version=0.2.0.0")]
    [InlineData("not an assembly name, Version=x")]
    [InlineData("")]
    public void NeverAnswersForANameTheModuleDoesNotShipForThisRuntime(string requested)
    {
        Assert.Null(DesktopAssemblyResolver.Choose(requested, Shipped));
    }

    [Fact]
    public void AnswersWhenDotNetFrameworkLeavesTheRequestingAssemblyNull()
    {
        // A real assembly to load: the test's own copy of one the module ships.
        var shipped = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["OktaEventHooks.Model"] = typeof(EventHook).Assembly.Location,
        };
        var resolver = new DesktopAssemblyResolver(shipped);

        var answer = resolver.Resolve(null, new ResolveEventArgs("OktaEventHooks.Model, Version=0.0.1.0, Culture=neutral, PublicKeyToken=null", requestingAssembly: null));

        Assert.NotNull(answer);
        Assert.Equal(typeof(EventHook).Assembly.Location, answer!.Location);
        Assert.Single(resolver.Answers);
    }

    [Fact]
    public void AnswersSystemValueTupleWithTheFrameworksOwnTypesNotAFileOfItsOwn()
    {
        var resolver = new DesktopAssemblyResolver(Shipped);
        Assert.Null(DesktopAssemblyResolver.Choose("System.ValueTuple, Version=4.0.5.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", Shipped));
        var answer = resolver.Resolve(null, new ResolveEventArgs("System.ValueTuple, Version=4.0.5.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", requestingAssembly: null));
        Assert.Same(typeof(ValueTuple<int, int>).Assembly, answer);
    }

    [Fact]
    public void AnswersWhateverAssemblyAsks()
    {
        var resolver = new DesktopAssemblyResolver(new Dictionary<string, string> { ["OktaEventHooks.Model"] = typeof(EventHook).Assembly.Location });
        Assert.NotNull(resolver.Resolve(null, new ResolveEventArgs("OktaEventHooks.Model", typeof(object).Assembly)));
        Assert.Null(resolver.Resolve(null, new ResolveEventArgs("System.Xml", typeof(EventHook).Assembly)));
    }
}
