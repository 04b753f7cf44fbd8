namespace ApiContracts.Stubs; internal static class Placeholder { }
