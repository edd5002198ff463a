namespace ActorCity.Simulation.City;

/// <summary>Full names of the usual functional departments (职能部门), keyed by the short names scenarios use.</summary>
public static class DepartmentNames
{
    private static readonly Dictionary<string, string> s_fullNames = new()
    {
        ["城管"] = "区城市管理综合行政执法局",
        ["住建"] = "区住房和城乡建设局",
        ["卫健"] = "区卫生健康局",
        ["爱卫办"] = "区爱国卫生运动委员会办公室",
        ["市场监管"] = "区市场监督管理局",
        ["交警"] = "公安交通警察大队",
        ["生态环境"] = "生态环境分局",
        ["环卫"] = "区环境卫生管理处",
        ["公安"] = "公安分局",
        ["交通运输"] = "区交通运输局",
        ["水务"] = "区水务局",
        ["园林"] = "区园林绿化中心",
        ["教育"] = "区教育局",
        ["商务"] = "区商务局",
        ["文旅"] = "区文化旅游局",
        ["自然资源"] = "自然资源分局",
        ["民政"] = "区民政局",
        ["消防"] = "消防救援大队",
    };

    /// <summary>The full name for a short name; an unknown short name is its own full name.</summary>
    public static string FullName(string shortName) => s_fullNames.TryGetValue(shortName, out var full) ? full : shortName;
}
