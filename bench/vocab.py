"""Word lists for the generated benchmark corpus: market entities in English and Chinese, paired by index.

Everything here is invented for the benchmark (company names are made up); the lists only need to be
varied enough that BM25 sees a realistic spread of rare and common terms and e5 sees distinct topics.
"""

from __future__ import annotations

# (English name, Chinese name, ticker-like symbol)
INDICES = [
    ("the Russell 2000", "罗素2000指数", "RUT"),
    ("the S&P 500", "标普500指数", "SPX"),
    ("the Nasdaq 100", "纳斯达克100指数", "NDX"),
    ("the Dow Jones Industrial Average", "道琼斯工业平均指数", "DJI"),
    ("the S&P MidCap 400", "标普中盘400指数", "MID"),
    ("the S&P SmallCap 600", "标普小盘600指数", "SML"),
    ("the MSCI EAFE index", "MSCI欧澳远东指数", "EFA"),
    ("the MSCI Emerging Markets index", "MSCI新兴市场指数", "EEM"),
    ("the Stoxx Europe 600", "斯托克欧洲600指数", "SXXP"),
    ("the Nikkei 225", "日经225指数", "N225"),
    ("the Hang Seng index", "恒生指数", "HSI"),
    ("the CSI 300", "沪深300指数", "CSI300"),
    ("the FTSE 100", "富时100指数", "UKX"),
    ("the DAX", "德国DAX指数", "DAX"),
    ("the Kospi", "韩国综合指数", "KOSPI"),
    ("the Topix", "东证指数", "TPX"),
    ("the Russell 1000 Value index", "罗素1000价值指数", "RLV"),
    ("the Russell 2000 Growth index", "罗素2000成长指数", "RUO"),
]

SECTORS = [
    ("industrials", "工业", "XLI"),
    ("financials", "金融", "XLF"),
    ("consumer staples", "必需消费品", "XLP"),
    ("real estate", "房地产", "XLRE"),
    ("communication services", "通信服务", "XLC"),
    ("consumer discretionary", "可选消费品", "XLY"),
    ("health care", "医疗保健", "XLV"),
    ("information technology", "信息技术", "XLK"),
    ("energy", "能源", "XLE"),
    ("materials", "原材料", "XLB"),
    ("utilities", "公用事业", "XLU"),
]

INDUSTRIES = [
    ("regional banks", "地区银行"),
    ("semiconductors", "半导体"),
    ("biotechnology", "生物科技"),
    ("homebuilders", "住宅建筑商"),
    ("airlines", "航空公司"),
    ("software", "软件"),
    ("oil services", "油服"),
    ("trucking", "公路货运"),
    ("specialty retail", "专业零售"),
    ("insurance brokers", "保险经纪"),
    ("medical devices", "医疗器械"),
    ("chemicals", "化工"),
    ("machinery", "机械设备"),
    ("data centers", "数据中心"),
    ("office REITs", "写字楼REIT"),
    ("restaurants", "餐饮"),
    ("defense contractors", "国防承包商"),
    ("gold miners", "黄金矿企"),
    ("shipping", "航运"),
    ("electric utilities", "电力公用事业"),
]

ETFS = [
    ("IWM", "iShares Russell 2000 ETF", "罗素2000 ETF"),
    ("IJS", "iShares S&P SmallCap 600 Value ETF", "标普小盘600价值ETF"),
    ("IJR", "iShares Core S&P Small-Cap ETF", "标普小盘核心ETF"),
    ("SPY", "SPDR S&P 500 ETF", "标普500 ETF"),
    ("QQQ", "Invesco QQQ Trust", "纳斯达克100 ETF"),
    ("VTWO", "Vanguard Russell 2000 ETF", "先锋罗素2000 ETF"),
    ("XLF", "Financial Select Sector SPDR", "金融行业ETF"),
    ("XLI", "Industrial Select Sector SPDR", "工业行业ETF"),
    ("KRE", "SPDR S&P Regional Banking ETF", "地区银行ETF"),
    ("HYG", "iShares High Yield Corporate Bond ETF", "高收益公司债ETF"),
    ("TLT", "iShares 20+ Year Treasury Bond ETF", "20年期以上美债ETF"),
    ("EEM", "iShares MSCI Emerging Markets ETF", "新兴市场ETF"),
]

RATES = [
    ("the federal funds rate", "联邦基金利率"),
    ("the 10-year Treasury yield", "10年期美债收益率"),
    ("the 2-year Treasury yield", "2年期美债收益率"),
    ("the 30-year mortgage rate", "30年期抵押贷款利率"),
    ("the high-yield credit spread", "高收益债信用利差"),
    ("the investment-grade spread", "投资级信用利差"),
    ("SOFR", "担保隔夜融资利率"),
    ("the real 10-year yield", "10年期实际收益率"),
]

MACRO = [
    ("core PCE inflation", "核心PCE通胀"),
    ("headline CPI", "整体CPI"),
    ("nonfarm payrolls", "非农就业人数"),
    ("the ISM manufacturing index", "ISM制造业指数"),
    ("retail sales", "零售销售"),
    ("the unemployment rate", "失业率"),
    ("real GDP growth", "实际GDP增速"),
    ("wage growth", "工资增速"),
    ("industrial production", "工业产出"),
    ("consumer confidence", "消费者信心"),
]

COMMODITIES = [
    ("Brent crude", "布伦特原油"),
    ("WTI crude", "WTI原油"),
    ("gold", "黄金"),
    ("copper", "铜"),
    ("natural gas", "天然气"),
    ("iron ore", "铁矿石"),
    ("the US dollar index", "美元指数"),
    ("the yen", "日元"),
    ("the euro", "欧元"),
    ("arabica coffee", "阿拉比卡咖啡"),
]

RISKS = [
    ("a refinancing wall in 2027", "2027年的再融资高峰"),
    ("sticky services inflation", "顽固的服务业通胀"),
    ("a renewed tariff escalation", "关税再度升级"),
    ("a slowdown in hiring", "招聘放缓"),
    ("tighter bank lending standards", "银行收紧放贷标准"),
    ("a spike in credit defaults", "信用违约上升"),
    ("concentration in a handful of mega-cap stocks", "少数超大市值股票的集中度"),
    ("weaker consumer spending", "消费支出走弱"),
    ("a stronger dollar", "美元走强"),
    ("geopolitical shocks", "地缘政治冲击"),
    ("an earnings downgrade cycle", "盈利下调周期"),
    ("thin market liquidity", "市场流动性不足"),
]

DRIVERS = [
    ("expectations of further rate cuts", "进一步降息的预期"),
    ("an upturn in earnings revisions", "盈利预期上修"),
    ("short covering", "空头回补"),
    ("a rotation out of crowded technology trades", "资金从拥挤的科技股交易中轮出"),
    ("strong inflows into small-cap ETFs", "小盘股ETF的大额资金流入"),
    ("falling long-term yields", "长期收益率回落"),
    ("a pickup in merger activity", "并购活动回暖"),
    ("reshoring investment", "制造业回流投资"),
    ("better-than-expected guidance", "好于预期的业绩指引"),
    ("easing credit conditions", "信贷环境改善"),
    ("a weaker dollar", "美元走弱"),
    ("fiscal support for infrastructure", "基础设施的财政支持"),
]

FACTORS = [
    ("value", "价值"),
    ("momentum", "动量"),
    ("quality", "质量"),
    ("low volatility", "低波动"),
    ("size", "规模"),
    ("dividend yield", "股息"),
]

METRICS = [
    ("forward P/E", "远期市盈率"),
    ("trailing P/E", "滚动市盈率"),
    ("EV/EBITDA", "企业价值倍数"),
    ("price-to-book", "市净率"),
    ("price-to-sales", "市销率"),
    ("EV/sales", "企业价值营收比"),
]

BANKS = [
    ("Harbor Lane Research", "港湾研究"),
    ("Meridian Street Partners", "子午街资本"),
    ("Cobalt Ridge Securities", "钴岭证券"),
    ("North Quay Capital", "北码头资本"),
    ("Granite Arc Advisors", "花岗弧顾问"),
    ("Silver Birch Strategy", "银桦策略"),
    ("Lantern Point Analytics", "灯塔角分析"),
    ("Westfold Macro", "西褶宏观"),
]

# company names: prefix x suffix, English and Chinese independently (the corpus is invented)
CO_PREFIX = (
    "Northwind Bluewater Ironclad Harborline Redcliff Summit Crescent Pinecrest Lakeshore Copperfield "
    "Stonebridge Westmark Eastgate Silverleaf Brightpath Keystone Oakmont Riverbend Highland Cedarview "
    "Granite Foxhollow Clearwater Ridgeway Amberly Marlowe Thornbury Wexford Halcyon Evergreen Larkspur "
    "Trident Sablewood Norcastle Brookfield Sterling Ashgrove Falconer Mariner Quarry"
).split()
CO_SUFFIX = [
    "Components", "Freight", "Bancorp", "Therapeutics", "Homes", "Semiconductor", "Energy Services",
    "Logistics", "Retail Group", "Software", "Industries", "Medical", "Chemicals", "Machinery",
    "Realty Trust", "Foods", "Aerospace", "Mining", "Shipping", "Power", "Insurance", "Networks",
    "Materials", "Brands", "Data Systems",
]
CO_PREFIX_ZH = list("华东瑞恒宏远鼎盛泰安中联嘉信凯润永兴博达天成海昌隆丰启明")
CO_MID_ZH = ["科", "创", "信", "通", "源", "新", "锐", "汇", "德", "明"]
CO_SUFFIX_ZH = [
    "科技", "电子", "银行", "生物", "地产", "半导体", "能源", "物流", "零售", "软件", "工业", "医疗",
    "化工", "机械", "食品", "航空", "矿业", "航运", "电力", "保险",
]

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
