"""Strings of the home page (app.py)."""

STRINGS = {
    "home.title": ("rnnviz: inside a recurrent neural network", "rnnviz：走进循环神经网络"),
    "home.intro": (
        "Every page trains or runs a small recurrent network live, on your CPU, and shows "
        "its insides step by step: the inputs, the hidden state, the weighted sums and the "
        "outputs at each time step. Move a slider and watch the numbers change.",
        "每个页面都在你的 CPU 上实时运行或训练一个小型循环神经网络，并逐步展示它的内部："
        "每个时间步的输入、隐藏状态、加权和与输出。拖动滑块，看数字如何变化。",
    ),
    "home.how": (
        "Pick a page in the sidebar or below. Each figure has a one-line “how to read this” "
        "under it; hover over any point for its exact value. The language choice and the "
        "settings of a page are kept in the address bar, so a link reopens the same view.",
        "在侧边栏或下方选择一个页面。每张图下面都有一行“怎么看”说明；把鼠标悬停在任意点上"
        "可看到精确数值。语言和页面设置都保存在地址栏中，分享链接即可打开同一个视图。",
    ),
    "home.open": ("Open", "打开"),
    "home.teaches": ("What it teaches", "学什么"),
    "home.read": ("How to read it", "怎么看"),
    "home.coming": ("(not built yet)", "（尚未完成）"),
    "home.srn.teaches": (
        "The Simple Recurrent Network (Elman net) h_t = f(W x_t + U h_{t-1} + b), "
        "y_t = V h_t + c, one time step at a time, with every number substituted.",
        "简单循环网络（Elman 网络）h_t = f(W x_t + U h_{t-1} + b)，y_t = V h_t + c，"
        "一次一个时间步，代入每一个具体数字。",
    ),
    "home.srn.read": (
        "The unrolled picture runs left to right in time; the highlighted column is the "
        "step chosen with the slider. Arrows show which values feed which.",
        "展开图从左到右表示时间；高亮的一列是滑块选中的时间步。箭头表示数值的流向。",
    ),
    "home.bptt.teaches": (
        "Backpropagation through time with the numbers: the backward pass walked from the "
        "last step to the first, each step's share of the shared weights' gradient, why it "
        "vanishes or explodes, clipping and truncation.",
        "带具体数字的随时间反向传播：从最后一步走回第一步的反向传播，每一步对共享权重梯度的贡献，"
        "梯度为何消失或爆炸，以及梯度裁剪与截断。",
    ),
    "home.bptt.read": (
        "Move the backward slider from T down to 1: each step adds its contribution to the "
        "running sums; after step 1 they equal autograd's gradients.",
        "把反向滑块从 T 拖到 1：每一步把自己的贡献加进累计和；"
        "走完第 1 步后它们就等于自动求导的梯度。",
    ),
    "home.gated.teaches": (
        "The LSTM and the GRU one step at a time: every gate's weighted sums, squashing and "
        "value with the numbers substituted, and why a forget gate near 1 keeps a memory.",
        "逐步运行 LSTM 与 GRU：代入具体数字的每个门的加权和、压缩函数和取值，"
        "以及为什么接近 1 的遗忘门能保住记忆。",
    ),
    "home.gated.read": (
        "The cell diagram shows the current step's values on the gates; the memory figure "
        "shows how much of one input pulse is left in the state, step after step.",
        "单元结构图在各个门上标出当前时间步的数值；记忆图显示一个输入脉冲在状态中逐步还剩多少。",
    ),
    "home.attention.teaches": (
        "Attention trained live: the decoder learns where to look in the input at every "
        "output step, and keeps working on long strings where the plain encoder-decoder fails.",
        "实时训练注意力机制：解码器在每个输出步学会看输入的哪里，"
        "在普通编码器-解码器失败的长字符串上依然有效。",
    ),
    "home.attention.read": (
        "The attention matrix has one row per output step and one column per input step; "
        "a bright cell is where that output step looked.",
        "注意力矩阵每行是一个输出步，每列是一个输入步；亮的格子就是该输出步关注的位置。",
    ),
    "home.activation.teaches": (
        "Why the activation matters: without one the state grows without bound, with tanh "
        "it saturates, and small recurrent weights make it (and the gradient) vanish.",
        "为什么需要激活函数：没有它状态会无限增长，用 tanh 会饱和，"
        "而较小的循环权重会让状态（以及梯度）消失。",
    ),
    "home.activation.read": (
        "One panel per activation, time on the horizontal axis. Switch to a log scale to "
        "see geometric growth as a straight line.",
        "每种激活函数一个面板，横轴是时间。切换到对数刻度，几何增长会变成一条直线。",
    ),
    "home.ohlol.teaches": (
        "Training: a tiny network learns to turn “hello” into “ohlol” while you watch the "
        "loss fall; RNN, LSTM and GRU compared.",
        "训练过程：一个小网络学习把 “hello” 变成 “ohlol”，你可以看着损失下降；"
        "并比较 RNN、LSTM 和 GRU。",
    ),
    "home.ohlol.read": (
        "The loss curve grows epoch by epoch; the heatmaps show, for one epoch, how sure "
        "the network is of each character at each step.",
        "损失曲线逐轮增长；热力图显示某一轮中，网络在每个时间步对每个字符有多确定。",
    ),
    "home.sine.teaches": (
        "Forecasting: an RNN learns a sine wave, then runs free, feeding each prediction "
        "back in; errors compound.",
        "序列预测：RNN 学习正弦波，然后自由运行，把每次预测作为下一步输入；误差会累积。",
    ),
    "home.sine.read": (
        "Press Play to draw the forecast point by point against the true curve; the "
        "heatmap under it is the hidden state at the same time steps.",
        "按“播放”逐点绘制预测并与真实曲线对照；下方热力图是同一时间步的隐藏状态。",
    ),
    "home.seq2seq.teaches": (
        "Encoder-decoder: one RNN reads a word, hands its last state to another that "
        "writes the translation letter by letter.",
        "编码器-解码器：一个 RNN 读入单词，把最后的隐藏状态交给另一个 RNN，"
        "由它逐个字母写出译文。",
    ),
    "home.seq2seq.read": (
        "Heatmaps of the encoder's states, the context vector and the decoder's "
        "probabilities show where each output letter came from.",
        "编码器状态、上下文向量和解码器概率的热力图显示每个输出字母从何而来。",
    ),
    "home.bidirectional.teaches": (
        "Bidirectional RNNs: one RNN reads forwards, one backwards; each step sees both "
        "its past and its future.",
        "双向 RNN：一个 RNN 正向读，一个反向读；每个时间步都能看到过去和未来。",
    ),
    "home.bidirectional.read": (
        "Forward states are read left to right, backward states right to left; their "
        "concatenation is what the layer outputs.",
        "正向状态从左往右读，反向状态从右往左读；二者拼接就是该层的输出。",
    ),
    "home.shapes.teaches": (
        "The PyTorch recurrent layer APIs: what goes in, what comes out, and the shape "
        "of every tensor and parameter.",
        "PyTorch 循环层 API：输入什么、输出什么，以及每个张量和参数的形状。",
    ),
    "home.shapes.read": (
        "Change a size and see which shapes follow it; every number comes from a real "
        "module run on a real tensor.",
        "修改一个尺寸，看哪些形状随之变化；每个数字都来自真实模块对真实张量的运行。",
    ),
    "home.language.teaches": (
        "A character language model trained on real text: vocabulary, minibatches, "
        "perplexity, and text generated after a prefix.",
        "在真实文本上训练的字符级语言模型：词表、小批量、困惑度，以及根据前缀生成文本。",
    ),
    "home.language.read": (
        "Perplexity falls as the model learns; compare the gibberish generated before "
        "training with the text after.",
        "模型学习时困惑度下降；对比训练前生成的乱码和训练后生成的文本。",
    ),
    "home.lessons.teaches": (
        "Every page's lessons in the order a course takes them: a question to answer before "
        "touching anything, then a link that opens the page in the lesson's exact settings, "
        "where the figure shows the answer. For teachers: links that hide the answers until "
        "revealed, and a projector view.",
        "按课程顺序列出每个页面的练习：先回答一个问题再动手，然后用链接以练习的设置打开页面，"
        "由图给出答案。教师可用：先隐藏答案、揭晓后才显示的链接，以及投影模式。",
    ),
    "home.lessons.read": (
        "One row per lesson: the page, the question, the course exercise it matches, a link "
        "to open and a link to copy.",
        "每个练习一行：页面、问题、对应的课程习题、打开链接和可复制的链接。",
    ),
}
