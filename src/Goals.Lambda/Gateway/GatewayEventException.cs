namespace Goals.Lambda.Gateway;

/// <summary>The event cannot be turned into an HTTP request; answered with a 400 proxy response.</summary>
public sealed class GatewayEventException(string message, Exception? innerException = null) : Exception(message, innerException);
