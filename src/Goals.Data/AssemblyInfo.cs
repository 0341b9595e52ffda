namespace Goals.Data;
internal static class Placeholder { }
