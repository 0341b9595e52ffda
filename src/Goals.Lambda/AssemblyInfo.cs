namespace Goals.Lambda;
internal static class Placeholder { }
