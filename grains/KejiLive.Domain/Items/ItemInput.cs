namespace KejiLive.Domain.Items;

/// <summary>One item behind a count as a unit listed it: an enterprise certified (高企), a tech SME registered
/// (科技型中小企业), a team introduced. The registration number (统一社会信用代码, 证书编号, 入库登记编号) identifies it;
/// without one, the name does.</summary>
public sealed record ItemInput(string Name, string? RegistrationNumber);
