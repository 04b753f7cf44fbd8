namespace ApiContracts.Stubs.Packs;

/// <summary>A stub's response template (WireMock's <c>response-template</c> transformer), read with the stub.</summary>
public sealed partial record PackMapping
{
    /// <summary>The response's template when the stub names the <c>response-template</c> transformer; null for a fixed response.</summary>
    public ResponseTemplate? Template { get; init; }
}
