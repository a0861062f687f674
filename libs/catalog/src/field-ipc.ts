import type { IndustryField } from './catalog.constants.js';

/**
 * 行业领域 → IPC prefixes: for each of the platform's 13 industry fields, the IPC subclasses (a few main groups) its patents
 * most often carry, so a matcher can judge "IPC fit" between a demand (field only) and a patent (IPC only).
 *
 * An abridged reading, not the concordances themselves: core prefixes only; the tables' subgroups, exclusions and keyword
 * conditions are not reproduced. Sources:
 * - CNIPA《战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）》(国知办函规字〔2021〕121号), read through the third-party
 *   machine-readable transcription in GitHub vvangpc/pr-re data/zhanlue_1.js … zhanlue_4.js (cites PDF pp.148–179), not checked
 *   against the official PDF; its symbols follow the ~2021 IPC (G06K9, H01L51 …).
 * - CNIPA《关键数字技术专利分类体系（2023）》part (一) 人工智能, via the same repository's data/shuzi.js.
 * - 《国际专利分类与国民经济行业分类参照关系表（2018）》: text not found; where a field needed it, the list is built from the IPC
 *   scheme (2024.01) class titles, and its `source` says so.
 */

/** One field's reading of the concordance. `ipc`: prefixes of IPC symbols without spaces — a class 'A01', a subclass 'A23L', or a main group 'H01L31' (no slash). */
export interface FieldIpcReading {
  ipc: string[];
  source: string;
  note?: string;
}

export const FIELD_IPC: Record<IndustryField, FieldIpcReading> = {
  high_end_equipment: {
    ipc: [
      'B25J',
      'B23K',
      'B23Q',
      'B23B',
      'B23C',
      'B23P',
      'B24B',
      'B22F',
      'B29C64',
      'B33Y',
      'G05B',
      'B65G',
      'F15B',
      'F16C',
      'G01B',
      'B61C',
      'B61D',
      'B61F',
      'B61L',
      'B63B',
      'E21B',
    ],
    source:
      '《战略性新兴产业分类与国际专利分类参照关系表（2021）》2 高端装备制造产业：2.1 智能制造装备产业、2.4 轨道交通装备产业、2.5 海洋工程装备产业；B33Y 按 IPC 分类表类名补充',
    note: '2.2 航空装备产业和 2.3 卫星及应用产业（B64*）归到 aerospace，这里不重复。2.1 中的农机（A01B/A01C/A01D）归到 modern_agriculture。表中 G05B19/418、B65G47 等细分组一律放宽到小类。',
  },
  energy_saving: {
    ipc: [
      'B01D',
      'B03C',
      'C02F',
      'B09B',
      'B09C',
      'G21F',
      'F01N',
      'C22B7',
      'B29B17',
      'C04B18',
      'C05F',
      'F28D',
      'F28F',
      'F24F',
      'F25B',
      'F01K',
      'F22B',
      'F27D',
      'F04D',
    ],
    source:
      '《战略性新兴产业分类与国际专利分类参照关系表（2021）》7 节能环保产业：7.1 高效节能产业、7.2 先进环保产业、7.3 资源循环利用产业',
    note: '7.1 中的电机（H02K）、照明（F21V、H05B33）、泵（F04B/F04C）和建筑保温（E04B）太宽，只有配合“节能型”等关键词才成立，所以没有收。B01D 取整个小类（表中列的是 B01D45–B01D53 除尘和废气净化）。CPC 的 Y02 不属于 IPC。',
  },
  biomedicine: {
    ipc: ['A61K', 'A61P', 'C07K', 'C12N', 'C12Q', 'C07D', 'C07J', 'A61B', 'A61F', 'A61M', 'A61N', 'A61L', 'A61C', 'G01N33', 'C12M', 'G16B'],
    source: '《战略性新兴产业分类与国际专利分类参照关系表（2021）》4.1 生物医药产业、4.2 生物医学工程产业',
    note: '4.1 中的 C07C 有大量排除项，而且和石化重叠，没有收。G01N33 只取大组（表中列的是 G01N33/48–33/98 免疫和生化检测）。4.3 生物农业和 4.4 生物质能分别归到 modern_agriculture 和 new_energy。',
  },
  new_materials: {
    ipc: [
      'C22C',
      'C21D',
      'C22F',
      'B22F',
      'C01B',
      'C01G',
      'C04B',
      'C03C',
      'C30B',
      'C08L',
      'C08G',
      'C08F',
      'C08K',
      'C08J',
      'C09D',
      'C09J',
      'C09K',
      'D01F',
      'C23C',
      'B82Y',
      'H01F1',
    ],
    source:
      '《战略性新兴产业分类与国际专利分类参照关系表（2021）》3 新材料产业：3.1 先进钢铁材料、3.2 先进有色金属材料、3.3 先进石化化工新材料、3.4 先进无机非金属材料、3.5 高性能纤维及制品和复合材料、3.6 前沿新材料',
    note: '表中很多行只在配合材料关键词时才成立（例如 B21*/B23* 加工、B32B 层状制品、E04C 建材板材），这里没有收。C08*（聚合物）和石化重叠。H01F1 只取磁性材料这一大组（3.2 稀土）。',
  },
  next_gen_it: {
    ipc: [
      'H04L',
      'H04W',
      'H04B',
      'H04N',
      'H04M',
      'H04J',
      'H04Q',
      'H04K',
      'G06F',
      'G06Q',
      'G06K',
      'G11C',
      'H01L',
      'H10B',
      'H10K',
      'H03K',
      'H03M',
      'H05K',
      'H01Q',
      'G09G',
      'G02F',
    ],
    source:
      '《战略性新兴产业分类与国际专利分类参照关系表（2021）》1 新一代信息技术产业：1.1 下一代信息网络产业、1.2 电子核心产业、1.3 新兴软件和新型信息技术服务、1.4 互联网与云计算、大数据服务；H10B、H10K 按 IPC 分类表补充',
    note: '1.5 人工智能归到 artificial_intelligence。H01L 取整个小类（表中列的是 H01L21/23/25/27/29 集成电路和器件），它的光电大组 H01L31/H01L33 也会命中本领域。H10B（存储器件）和 H10K（有机器件）是 IPC 2023 由 H01L27/H01L51 拆出的新小类，参照表成文时还没有。',
  },
  modern_agriculture: {
    ipc: ['A01B', 'A01C', 'A01D', 'A01F', 'A01G', 'A01H', 'A01K', 'A01M', 'A01N', 'A01P', 'A23K', 'C05B', 'C05C', 'C05D', 'C05F', 'C05G'],
    source:
      '《战略性新兴产业分类与国际专利分类参照关系表（2021）》4.3 生物农业及相关产业（A01G、A01H、A01K、A01N、A23K、C05F、C05G），以及 2.1 智能制造装备产业中的农机（A01B、A01C、A01D）；A01F、A01M、A01P、C05B–C05D 按 IPC 分类表 A01 大类和 C05 大类类名补充。《国际专利分类与国民经济行业分类参照关系表（2018）》A01–A05 未读到',
    note: '4.3 中的 C12N15（基因工程育种）太宽，和生物医药重叠，没有收。G06Q50/02（农业信息化）是小组，本格式表示不了。',
  },
  optoelectronics: {
    ipc: ['H01L31', 'H01L33', 'H01L51', 'H10F', 'H10H', 'H10K', 'H01S', 'G02B', 'G02F', 'H04B10', 'G01J', 'G09F9', 'G09G', 'F21K'],
    source:
      '《战略性新兴产业分类与国际专利分类参照关系表（2021）》1.2 电子核心产业中的光电子器件、显示器件和光纤行（H01S、H01L33、H01L51、G02B6、G02F1、G09F9、G09G3、F21K9），1.1 中的 H04B10（光传输），6.3 太阳能产业中的 H01L31；G01J、H10F、H10H、H10K 按 IPC 分类表补充',
    note: '参照表里没有单独的“光电子”类目，这一领域是从 1.2 的光电子/显示相关行拼出来的。G02B 取整个小类（表中列的是 G02B6 光纤/光波导等）。H10K 是 IPC 2023 起的有机发光和光伏器件小类。H10F 和 H10H 是 IPC 2025.01 新设的小类（分别承接 H01L31 和 H01L33），这一点凭我对 IPC 修订的了解，本次没有核对。H01L27/14（图像传感器）是小组，本格式表示不了。',
  },
  automotive: {
    ipc: [
      'B60K',
      'B60L',
      'B60W',
      'B62D',
      'B60R',
      'B60G',
      'B60T',
      'B60Q',
      'B60J',
      'B60N',
      'B60H',
      'B60C',
      'F02B',
      'F02D',
      'F02M',
      'F01N',
      'F16H',
      'H01M10',
      'G08G1',
    ],
    source:
      '《战略性新兴产业分类与国际专利分类参照关系表（2021）》5 新能源汽车产业（5.1–5.4：B60K、B60L、B60W、B62D、B60G、B60T、B60R、B60Q、F02B、F16H、H01M10）；传统汽车部分（B60J、B60N、B60H、B60C、F02D、F02M、F01N、G08G1）按 IPC 分类表 B60/B62/F02 类名补充，《国际专利分类与国民经济行业分类参照关系表（2018）》C36 汽车制造业未读到',
    note: '参照表只覆盖新能源汽车，传统整车和零部件部分按 IPC 分类表整理。B60L 和 H01M10 与 new_energy 重叠。表中 F02F、F02N、F02P（发动机零件、启动、点火）和 B60S（维修、换电）比较边缘，没有收。',
  },
  petrochemical: {
    ipc: ['C10G', 'C10L', 'C10M', 'C10B', 'C10J', 'C10K', 'C07C', 'C08F', 'C08L', 'C08G', 'B01J', 'B01D3', 'C01B3', 'C09K8', 'E21B'],
    source:
      '以 IPC 分类表（2024.01）C10（石油、煤气、焦炭工业；燃料；润滑剂）、C07C（无环或碳环化合物）、B01J 类名为主自行整理；C08F、C08L、C08G 和 B01J31/33/37/38 见《战略性新兴产业分类与国际专利分类参照关系表（2021）》3.3 先进石化化工新材料。《国际专利分类与国民经济行业分类参照关系表（2018）》C25、C26 未读到',
    note: 'E21B（钻井采油）和 C09K8（钻井液、油田化学品）算上游，是我判断后才收的，因为“石化”类需求常涉及油田。C08*（聚合物）与 new_materials 重叠，C01B3（制氢）与 new_energy 重叠。C07D 等精细化工没有收。',
  },
  agri_processing: {
    ipc: [
      'A23L',
      'A23B',
      'A23C',
      'A23D',
      'A23F',
      'A23G',
      'A23J',
      'A23N',
      'A23P',
      'A21D',
      'A22B',
      'A22C',
      'B02B',
      'C12C',
      'C12G',
      'C12J',
      'C13B',
      'C13K',
      'C11B',
      'C08B',
      'A23K',
    ],
    source:
      '《战略性新兴产业分类与国际专利分类参照关系表（2021）》4.5 其他生物业（A23L、A23B7、A23F3、C12C、C12F、C11B、C08B）和 7.1 高效节能产业（A22C、A23N12）只有零散几行；主体按 IPC 分类表 A23 大类、A21D、A22B、B02B、C12G、C12J、C13B、C13K 类名自行整理。《国际专利分类与国民经济行业分类参照关系表（2018）》C13–C15 未读到',
    note: 'A23K（饲料）与 modern_agriculture 重叠。通用机械（B02C 粉碎、B65B 包装）太宽，没有收。',
  },
  new_energy: {
    ipc: [
      'H02S',
      'H01L31',
      'H10F',
      'F24S',
      'F03D',
      'F03B',
      'F03G',
      'F24T',
      'G21C',
      'G21D',
      'H02J',
      'H02M',
      'H01M4',
      'H01M8',
      'H01M10',
      'C25B1',
      'C01B3',
      'C10L5',
      'C10J3',
    ],
    source:
      '《战略性新兴产业分类与国际专利分类参照关系表（2021）》6 新能源产业：6.1 核电产业、6.2 风能产业、6.3 太阳能产业、6.4 生物质能及其他新能源产业、6.5 智能电网产业，以及 5.2 中的 H01M4/H01M8/H01M10（电池、燃料电池）；F24T、H10F、C25B1、C01B3 按 IPC 分类表补充',
    note: '光伏在两处都取：H02S（光伏组件和系统）和 H01L31 大组（光伏电池），不取整个 H01L。F03B 取整个小类（表中列的是 F03B13 海洋能）。H02J 和 H02M 取自 6.5 智能电网，与输配电的一般专利会有重叠。氢能（C25B1 电解水、C01B3 制氢）是参照表成文后才成为重点方向，这里是补充进来的。',
  },
  aerospace: {
    ipc: ['B64C', 'B64D', 'B64F', 'B64G', 'B64U', 'B64B', 'F02C', 'F02K', 'F01D', 'G01S19', 'G08G5', 'G09B9', 'F42B15'],
    source:
      '《战略性新兴产业分类与国际专利分类参照关系表（2021）》2.2 航空装备产业（B64C、B64D、B64F、F02C9、G08G5、G09B9）、2.3 卫星及应用产业（B64G、G01S19、F02K9、F42B15）；B64U、B64B、F01D 按 IPC 分类表补充',
    note: 'B64U（无人机）是 IPC 2023 新设的小类。F01D（涡轮机，含航空发动机叶片）也覆盖汽轮机，是经过判断才收进来的。卫星通信 H04B7/185 是小组，本格式表示不了。',
  },
  artificial_intelligence: {
    ipc: ['G06N', 'G06V', 'G06F18', 'G06K9', 'G06T7', 'G06F40', 'G10L15', 'G10L13', 'G10L17', 'G10L25', 'G05D1', 'G05B13', 'B25J9'],
    source:
      '《战略性新兴产业分类与国际专利分类参照关系表（2021）》1.5 人工智能（G06N3、G06N5、G06K9、G06F40、G05D1、G05B15、G06F3/01），以及《关键数字技术专利分类体系（2023）》（一）人工智能技术（G06N、G06V、G06T7、G10L13/15/17/25、G06F40）',
    note: 'G06F18（模式识别）和 G06V（图像/视频识别）是 IPC 2022–2023 从 G06K9 迁出的新位置，G06K9 留着是为了覆盖老专利。两表都列了 G06F16（信息检索）、G06F3/01（人机交互）和 G16H（医疗信息学），但它们太宽，没有收。B25J9（程序控制机械手）和 G05B13（自适应/智能控制）与 high_end_equipment 重叠。',
  },
};
